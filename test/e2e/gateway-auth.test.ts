import { afterAll, describe, expect, it } from 'vitest';
import { createLambdaAuthorizer } from '../../emulator/src/apigw-http/auth/index.js';
import { REQUEST_ID_PATTERN } from '../../emulator/src/apigw-http/index.js';
import { createCountingHandler } from '../fixtures/handlers/counting.js';
import { handler as probe, type ProbeAnswer } from '../fixtures/handlers/probe.js';
import {
  AUDIENCE,
  goodClaims,
  ISSUER,
  newIssuerKey,
  signedToken,
  unsignedToken,
} from '../fixtures/jwt/tokens.js';
import { gatewayHarness, json, send } from './gatewayClient.js';

const harness = gatewayHarness();
afterAll(() => harness.closeAll());

const UNAUTHORIZED = '{"message":"Unauthorized"}';
const FORBIDDEN = '{"message":"Forbidden"}';
const INTERNAL = '{"message":"Internal Server Error"}';

describe('auth: JWT authorizer through the gateway', async () => {
  const key = newIssuerKey();
  const stranger = newIssuerKey(key.kid);
  const counting = createCountingHandler();
  const config = {
    authorizers: {
      devices: {
        type: 'JWT' as const,
        issuer: ISSUER,
        audience: [AUDIENCE],
        jwks: { keys: [key.jwk] },
      },
    },
    routes: [
      {
        routeKey: 'POST /measurements',
        authorizer: 'devices',
        authorizationScopes: ['telemetry/write'],
      },
      { routeKey: 'GET /me', authorizer: 'devices' },
    ],
  };
  const guarded = await harness.serve({ handler: counting.handler, config });
  const probed = await harness.serve({ handler: probe, config });
  const now = () => Math.floor(Date.now() / 1000);
  const token = (claims: Record<string, unknown>, signer = key) =>
    signedToken(signer.privateKey, claims, { alg: 'RS256', kid: key.kid });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it.each([
    ['no token', {}],
    [
      'a forged signature (serverless-offline never checks it; SAM leaves the route open)',
      bearer(token(goodClaims(now()), stranger)),
    ],
    ['an expired token', bearer(token(goodClaims(now(), { exp: now() - 60 })))],
    ['a wrong audience', bearer(token(goodClaims(now(), { aud: 'someone-else' })))],
    ['alg: none', bearer(unsignedToken(goodClaims(now()), key.kid))],
  ])(
    'refuses %s with 401, www-authenticate and apigw-requestid, before the function',
    async (_, headers) => {
      const before = counting.calls();

      const response = await send(guarded.url, { path: '/me', headers });

      expect(response.status).toBe(401);
      expect(response.text).toBe(UNAUTHORIZED);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['apigw-requestid']).toMatch(REQUEST_ID_PATTERN);
      expect(counting.calls()).toBe(before);
    },
  );

  it('passes the claims as strings and the scopes to the function', async () => {
    const claims = goodClaims(now(), {
      scope: 'telemetry/write telemetry/read',
      turbines: ['NL-0001'],
    });

    const response = await send(probed.url, {
      method: 'POST',
      path: '/measurements',
      headers: bearer(token(claims)),
    });

    const { event } = json<ProbeAnswer>(response);
    expect(response.status).toBe(200);
    expect(event.requestContext).toMatchObject({
      authorizer: {
        jwt: {
          claims: { sub: 'device-1', exp: String(claims.exp), turbines: '[NL-0001]' },
          scopes: ['telemetry/write', 'telemetry/read'],
        },
      },
    });
  });

  it('refuses a valid token without the route scope with 403', async () => {
    const response = await send(guarded.url, {
      method: 'POST',
      path: '/measurements',
      headers: bearer(token(goodClaims(now(), { scope: 'telemetry/read' }))),
    });

    expect(response.status).toBe(403);
    expect(response.text).toBe(FORBIDDEN);
    expect(response.headers['www-authenticate']).toContain('insufficient_scope');
  });
});

describe('auth: Lambda authorizer through the gateway', async () => {
  const { url, logs } = await harness.serve({
    handler: probe,
    config: {
      authorizers: {
        custom: {
          type: 'REQUEST',
          handler: 'test/fixtures/handlers/authorizer.ts#handler',
          identitySource: ['$request.header.Authorization'],
          enableSimpleResponses: true,
          resultTtlInSeconds: 0,
          timeoutMs: 100,
        },
      },
      routes: [{ routeKey: 'ANY /{proxy+}', authorizer: 'custom' }],
    },
  });
  const call = (authorization: string) =>
    send(url, { path: '/turbines', headers: { authorization } });

  it('passes the authorizer context to the function as requestContext.authorizer.lambda', async () => {
    const { event } = json<ProbeAnswer>(await call('allow'));

    expect(event.requestContext).toMatchObject({
      authorizer: { lambda: { key: 'value', device: 'NL-0001' } },
    });
  });

  it('answers a denial with 403 {"message":"Forbidden"} (serverless-offline: Boom body; SAM: REST message)', async () => {
    const response = await call('deny');

    expect(response.status).toBe(403);
    expect(response.text).toBe(FORBIDDEN);
    expect(response.headers['apigw-requestid']).toMatch(REQUEST_ID_PATTERN);
  });

  it('answers a crashing or too slow authorizer with 500', async () => {
    const crashed = await call('crash');
    const slow = await call('slow');

    expect([crashed.status, slow.status]).toEqual([500, 500]);
    expect(crashed.text).toBe(INTERNAL);
    expect(logs.some((line) => line.includes('authorizer crashed'))).toBe(true);
  });

  it('answers 401 without calling the authorizer when the identity source is missing', async () => {
    let invocations = 0;
    const authorizer = createLambdaAuthorizer(
      {
        name: 'custom',
        type: 'REQUEST',
        identitySource: ['$request.header.Authorization'],
        enableSimpleResponses: true,
      },
      async () => {
        invocations++;
        return { isAuthorized: true };
      },
    );
    const served = await harness.serve({
      handler: probe,
      authorizers: { custom: authorizer },
      config: {
        authorizers: { custom: { type: 'REQUEST', handler: 'unused.js' } },
        routes: [{ routeKey: '$default', authorizer: 'custom' }],
      },
    });

    const response = await send(served.url);

    expect(response.status).toBe(401);
    expect(response.text).toBe(UNAUTHORIZED);
    expect(invocations).toBe(0);
  });
});
