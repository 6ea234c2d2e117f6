import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, Handler } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaAuthorizer } from '../../emulator/src/apigw-http/auth/index.js';
import { startGateway, type Gateway } from '../../emulator/src/apigw-http/index.js';
import {
  jwksOf,
  loadOrCreateKeys,
  mintToken,
  type DevKeys,
} from '../../emulator/src/commands/token.js';

/**
 * The authorizers and CORS through real HTTP: a device token from `windtunnel token` against the
 * JWT authorizer, a Lambda authorizer, and a browser preflight, all answered by the shim the way
 * an HTTP API answers them.
 */
const APP = 'https://dashboard.example';
const ISSUER = 'https://windtunnel.local/';
let keys: DevKeys;
let keysDir: string;
let gateway: Gateway;
let calls = 0;

/** Echoes the event, and counts, to prove refused requests never reach the function. */
const echo: Handler = async (event: APIGatewayProxyEventV2) => {
  calls++;
  return {
    statusCode: 200,
    headers: { 'access-control-allow-origin': '*' },
    body: JSON.stringify(event),
  };
};

beforeAll(async () => {
  keysDir = await mkdtemp(join(tmpdir(), 'windtunnel-e2e-keys-'));
  keys = await loadOrCreateKeys(keysDir);
  const lambdaAuthorizer = createLambdaAuthorizer(
    {
      name: 'keys',
      type: 'REQUEST',
      identitySource: ['$request.header.x-api-key'],
      enableSimpleResponses: true,
    },
    async (event) => {
      const [apiKey] = (event as { identitySource: string[] }).identitySource;
      return { isAuthorized: apiKey === 'good-key', context: { tenant: 'acme' } };
    },
  );
  gateway = await startGateway({
    handler: echo,
    port: 0,
    log: () => undefined,
    authorizers: { keys: lambdaAuthorizer },
    config: {
      cors: { allowOrigins: [APP], allowMethods: ['GET', 'POST'], allowHeaders: ['authorization'] },
      authorizers: {
        devices: {
          type: 'JWT',
          issuer: ISSUER,
          audience: ['windtunnel'],
          jwks: jwksOf(keys.publicKey),
        },
        keys: {
          type: 'REQUEST',
          handler: 'unused.js#handler',
          identitySource: ['$request.header.x-api-key'],
        },
      },
      routes: [
        {
          routeKey: 'POST /telemetry',
          authorizer: 'devices',
          authorizationScopes: ['telemetry:write'],
        },
        { routeKey: 'GET /reports', authorizer: 'keys' },
      ],
    },
  });
});

afterAll(async () => {
  await gateway?.close();
  await rm(keysDir, { recursive: true, force: true });
});

function deviceToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const base = { iss: ISSUER, aud: 'windtunnel', sub: 'turbine-7', iat: now, exp: now + 600 };
  return mintToken(keys.privateKey, keys.kid, { ...base, scope: 'telemetry:write', ...claims });
}

const post = (headers: Record<string, string>) =>
  fetch(`${gateway.url}/telemetry`, { method: 'POST', headers, body: '{}' });

describe('JWT authorizer over HTTP', () => {
  it('refuses a request without a token with 401 Unauthorized and never invokes the function', async () => {
    const before = calls;

    const response = await post({});

    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"message":"Unauthorized"}');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(calls).toBe(before);
  });

  it('passes a token from `windtunnel token` and delivers its claims as strings', async () => {
    const response = await post({
      authorization: `Bearer ${deviceToken({ turbines: 'T-007 T-008' })}`,
    });
    const event = (await response.json()) as APIGatewayProxyEventV2 & {
      requestContext: { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } };
    };

    expect(response.status).toBe(200);
    expect(event.requestContext.authorizer.jwt.claims).toMatchObject({
      sub: 'turbine-7',
      turbines: 'T-007 T-008',
    });
    expect(typeof event.requestContext.authorizer.jwt.claims.exp).toBe('string');
    expect(event.requestContext.authorizer.jwt.scopes).toEqual(['telemetry:write']);
  });

  it('refuses a wrong audience with the www-authenticate AWS documents', async () => {
    const response = await post({ authorization: deviceToken({ aud: 'someone-else' }) });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      'Bearer scope="telemetry:write" error="invalid_token" error_description="the token does not have a valid audience"',
    );
  });

  it('answers 403 Forbidden to a valid token without the route scope', async () => {
    const response = await post({ authorization: deviceToken({ scope: 'telemetry:read' }) });

    expect(response.status).toBe(403);
    expect(await response.text()).toBe('{"message":"Forbidden"}');
  });
});

describe('Lambda authorizer over HTTP', () => {
  it('allows a good key with the context in authorizer.lambda, and denies a bad one with 403', async () => {
    const allowed = await fetch(`${gateway.url}/reports`, { headers: { 'x-api-key': 'good-key' } });
    const denied = await fetch(`${gateway.url}/reports`, { headers: { 'x-api-key': 'bad-key' } });
    const missing = await fetch(`${gateway.url}/reports`);

    const event = (await allowed.json()) as { requestContext: { authorizer: unknown } };
    expect(event.requestContext.authorizer).toEqual({ lambda: { tenant: 'acme' } });
    expect([denied.status, await denied.text()]).toEqual([403, '{"message":"Forbidden"}']);
    expect(missing.status).toBe(401);
  });
});

describe('CORS over HTTP', () => {
  it('answers a preflight itself, before the route and its authorizer', async () => {
    const before = calls;

    const response = await fetch(`${gateway.url}/telemetry`, {
      method: 'OPTIONS',
      headers: {
        origin: APP,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(calls).toBe(before);
  });

  it("replaces the backend's CORS headers with the configured ones", async () => {
    const response = await post({ origin: APP, authorization: deviceToken() });

    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(APP);
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });
});
