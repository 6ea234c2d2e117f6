import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startJwksServer, type JwksServer } from '../../../../../test/fixtures/jwt/jwksServer.js';
import { authRequest } from '../../../../../test/fixtures/jwt/request.js';
import {
  AUDIENCE,
  ISSUER,
  goodClaims,
  newIssuerKey,
  signedToken,
  type IssuerKey,
} from '../../../../../test/fixtures/jwt/tokens.js';
import type { JwksSource, JwtAuthorizerOptions } from './config.js';
import { createJwtAuthorizer } from './jwtAuthorizer.js';

const first = newIssuerKey('first');
const second = newIssuerKey('second');
let clock = Date.UTC(2025, 5, 1);
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function authorizerFor(jwks: JwksSource, options: JwtAuthorizerOptions = {}) {
  return createJwtAuthorizer(
    { name: 'devices', type: 'JWT', issuer: ISSUER, audience: [AUDIENCE], jwks },
    { now: () => clock, ...options },
  );
}

function requestSignedBy(key: IssuerKey) {
  const token = signedToken(key.privateKey, goodClaims(clock / 1000), {
    alg: 'RS256',
    kid: key.kid,
  });
  return authRequest({ headers: { authorization: `Bearer ${token}` } });
}

async function server(body: unknown): Promise<JwksServer> {
  const started = await startJwksServer(body);
  cleanups.push(() => started.close());
  return started;
}

function wwwAuthenticate(
  decision: Awaited<ReturnType<ReturnType<typeof authorizerFor>['authorize']>>,
) {
  return decision.allow ? undefined : decision.headers?.['www-authenticate'];
}

const UNAVAILABLE =
  'Bearer scope="" error="invalid_token" error_description="the signing keys could not be retrieved"';

describe('JWKS from a file', () => {
  it('reads the file relative to the cwd and re-reads it when a new kid shows up', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'windtunnel-jwks-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'jwks.json'), JSON.stringify({ keys: [first.jwk] }));
    const authorizer = authorizerFor({ file: 'jwks.json' }, { cwd: dir });

    const before = await authorizer.authorize(requestSignedBy(first));
    await writeFile(join(dir, 'jwks.json'), JSON.stringify({ keys: [first.jwk, second.jwk] }));
    const after = await authorizer.authorize(requestSignedBy(second));

    expect([before.allow, after.allow]).toEqual([true, true]);
  });

  it('refuses with 401 when the file is missing or not a JWK Set', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'windtunnel-jwks-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ notKeys: true }));

    const missing = await authorizerFor({ file: 'nope.json' }, { cwd: dir }).authorize(
      requestSignedBy(first),
    );
    const invalid = await authorizerFor({ file: 'bad.json' }, { cwd: dir }).authorize(
      requestSignedBy(first),
    );

    expect(wwwAuthenticate(missing)).toBe(UNAVAILABLE);
    expect(wwwAuthenticate(invalid)).toBe(UNAVAILABLE);
  });
});

describe('JWKS from a URL', () => {
  it('fetches once and serves later requests from the cache', async () => {
    const jwks = await server({ keys: [first.jwk] });
    const authorizer = authorizerFor({ url: jwks.url });

    const decisions = [
      await authorizer.authorize(requestSignedBy(first)),
      await authorizer.authorize(requestSignedBy(first)),
    ];

    expect(decisions.map((decision) => decision.allow)).toEqual([true, true]);
    expect(jwks.hits).toBe(1);
  });

  it('refetches once when a token names a kid the cached set lacks (key rotation)', async () => {
    const jwks = await server({ keys: [first.jwk] });
    const authorizer = authorizerFor({ url: jwks.url });
    await authorizer.authorize(requestSignedBy(first));
    jwks.serve({ keys: [second.jwk] });

    const rotated = await authorizer.authorize(requestSignedBy(second));

    expect(rotated.allow).toBe(true);
    expect(jwks.hits).toBe(2);
  });

  it('refetches only once for a kid that is still unknown, then refuses', async () => {
    const jwks = await server({ keys: [first.jwk] });
    const authorizer = authorizerFor({ url: jwks.url });
    await authorizer.authorize(requestSignedBy(first));

    const decision = await authorizer.authorize(requestSignedBy(second));

    expect(decision).toMatchObject({ allow: false, status: 401 });
    expect(jwks.hits).toBe(2);
  });

  it('fetches again once the cache has expired (5 minutes)', async () => {
    const jwks = await server({ keys: [first.jwk] });
    const authorizer = authorizerFor({ url: jwks.url });
    await authorizer.authorize(requestSignedBy(first));

    clock += 5 * 60_000 - 1;
    await authorizer.authorize(requestSignedBy(first));
    const hitsWithinTtl = jwks.hits;
    clock += 1;
    await authorizer.authorize(requestSignedBy(first));

    expect([hitsWithinTtl, jwks.hits]).toEqual([1, 2]);
  });

  it('refuses with 401 a JWKS larger than 150000 bytes, declared or streamed', async () => {
    const padding = 'x'.repeat(150_001);
    const jwks = await server({ keys: [first.jwk], padding });

    const declared = await authorizerFor({ url: jwks.url }).authorize(requestSignedBy(first));
    jwks.options.chunked = true;
    const streamed = await authorizerFor({ url: jwks.url }).authorize(requestSignedBy(first));

    expect(wwwAuthenticate(declared)).toBe(UNAVAILABLE);
    expect(wwwAuthenticate(streamed)).toBe(UNAVAILABLE);
  });

  it('accepts a JWKS just under the size quota', async () => {
    const body = JSON.stringify({ keys: [first.jwk], padding: '' });
    const jwks = await server({ keys: [first.jwk], padding: 'x'.repeat(150_000 - body.length) });

    const decision = await authorizerFor({ url: jwks.url }).authorize(requestSignedBy(first));

    expect(decision.allow).toBe(true);
  });

  it('refuses with 401 when the JWKS takes longer than the 1500 ms quota', async () => {
    const jwks = await server({ keys: [first.jwk] });
    jwks.options.delayMs = 1700;
    const started = Date.now();

    const decision = await authorizerFor({ url: jwks.url }).authorize(requestSignedBy(first));

    expect(wwwAuthenticate(decision)).toBe(UNAVAILABLE);
    expect(Date.now() - started).toBeLessThan(1650);
  });

  it('refuses with 401 when the JWKS URL is unreachable or answers non-JSON', async () => {
    const jwks = await server('<html>not json</html>');
    const closed = await server({ keys: [first.jwk] });
    const closedUrl = closed.url;
    await closed.close();

    const notJson = await authorizerFor({ url: jwks.url }).authorize(requestSignedBy(first));
    const unreachable = await authorizerFor({ url: closedUrl }).authorize(requestSignedBy(first));

    expect(wwwAuthenticate(notJson)).toBe(UNAVAILABLE);
    expect(wwwAuthenticate(unreachable)).toBe(UNAVAILABLE);
  });
});
