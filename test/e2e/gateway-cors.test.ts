import { afterAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_PATTERN } from '../../emulator/src/apigw-http/index.js';
import { createCountingHandler } from '../fixtures/handlers/counting.js';
import { handler as corsBackend } from '../fixtures/handlers/corsBackend.js';
import { newIssuerKey, AUDIENCE, ISSUER } from '../fixtures/jwt/tokens.js';
import { gatewayHarness, send } from './gatewayClient.js';

const harness = gatewayHarness();
afterAll(() => harness.closeAll());

const ORIGIN = 'https://dashboard.example';
const CORS = {
  allowOrigins: [ORIGIN],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type'],
  maxAge: 300,
};
const corsHeaders = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('cors: configured', () => {
  it('answers a preflight itself, before routes and authorizers, without running the function', async () => {
    const counting = createCountingHandler();
    const { url } = await harness.serve({
      handler: counting.handler,
      config: {
        cors: CORS,
        authorizers: {
          devices: {
            type: 'JWT',
            issuer: ISSUER,
            audience: [AUDIENCE],
            jwks: { keys: [newIssuerKey().jwk] },
          },
        },
        routes: [{ routeKey: 'POST /measurements', authorizer: 'devices' }],
      },
    });

    const response = await send(url, {
      method: 'OPTIONS',
      path: '/measurements',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '300',
    });
    expect(response.headers['apigw-requestid']).toMatch(REQUEST_ID_PATTERN);
    expect(counting.calls()).toBe(0);
  });

  it('replaces the backend CORS headers with the configured ones', async () => {
    const { url } = await harness.serve({ handler: corsBackend, config: { cors: CORS } });

    const allowed = await send(url, { headers: { origin: ORIGIN } });
    const stranger = await send(url, { headers: { origin: 'https://elsewhere.example' } });

    expect(allowed.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(allowed.headers).not.toHaveProperty('access-control-allow-credentials');
    expect(allowed.text).toBe('from the backend');
    expect(corsHeaders(stranger.headers)).toEqual([]);
  });

  it("puts the CORS headers on the gateway's own errors too, so a browser can read a 404", async () => {
    const { url } = await harness.serve({
      handler: corsBackend,
      config: { cors: CORS, routes: [{ routeKey: 'GET /data' }] },
    });

    const response = await send(url, { path: '/nope', headers: { origin: ORIGIN } });

    expect(response.status).toBe(404);
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
  });
});

describe('cors: not configured', () => {
  it("invents no CORS header and passes the backend's through (serverless-offline reflects any Origin)", async () => {
    const counting = createCountingHandler();
    const plain = await harness.serve({ handler: counting.handler });
    const backend = await harness.serve({ handler: corsBackend });

    const request = await send(plain.url, { headers: { origin: ORIGIN } });
    const preflight = await send(plain.url, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    const passed = await send(backend.url, { headers: { origin: ORIGIN } });

    expect(corsHeaders(request.headers)).toEqual([]);
    expect(corsHeaders(preflight.headers)).toEqual([]);
    expect(counting.calls()).toBe(2); // the OPTIONS request went to the $default route
    expect(passed.headers['access-control-allow-origin']).toBe('https://evil.example');
  });
});
