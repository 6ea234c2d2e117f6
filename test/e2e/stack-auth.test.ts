import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintToken } from '../../emulator/src/apigw-http/auth/jwt/mint.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

// Device identity end to end: the gateway's JWT authorizer verifies the token, the app checks
// that every record belongs to a turbine the token names.

const reading = (turbine: string) => ({
  Dimensions: [{ Name: 'turbine_id', Value: turbine }],
  MeasureName: 'power_kw',
  MeasureValue: '100',
  Time: String(Date.now() - 1000),
});

describe('the local stack with device auth (the default)', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack({ STORAGE_BACKEND: 'memory' });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('refuses a write without a token at the gateway: 401 Unauthorized', async () => {
    const res = await s.post(reading('NL-1'), null);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ message: 'Unauthorized' });
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });

  it("lets a device write its own turbine, named by the token's sub", async () => {
    const token = await s.token({ sub: 'NL-1', turbines: undefined });
    expect((await s.post(reading('NL-1'), token)).status).toBe(200);
  });

  it("refuses, with 403 and the reason, a device writing another turbine's telemetry", async () => {
    const token = await s.token({ sub: 'NL-1', turbines: undefined });
    const res = await s.post([reading('NL-1'), reading('NL-2')], token);
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toBe(
      "caller 'NL-1' may not write this telemetry: record 1 is for turbine 'NL-2'; nothing was stored",
    );
  });

  it('refuses forged, expired, wrong-audience and alg:none tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = mintToken(other, 'forged', {
      iss: s.stack.stack.jwt.issuer,
      aud: s.stack.stack.jwt.audience,
      sub: 'NL-1',
      exp: now + 600,
    });
    const expired = await s.token({ sub: 'NL-1', exp: now - 10, iat: now - 100 });
    const wrongAudience = await s.token({ sub: 'NL-1', aud: 'someone-else' });
    const [, payload] = (await s.token({ sub: 'NL-1' })).split('.');
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    for (const token of [forged, expired, wrongAudience, none]) {
      const res = await s.post(reading('NL-1'), token);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ message: 'Unauthorized' });
    }
  });

  it('keeps GET /health open', async () => {
    expect((await fetch(`${s.url}/health`)).status).toBe(200);
  });
});

describe('the local stack with DEVICE_AUTH=off', () => {
  it('accepts anonymous writes for any turbine', async () => {
    const s = await startTestStack({ STORAGE_BACKEND: 'memory', DEVICE_AUTH: 'off' });
    try {
      expect((await s.post(reading('NL-9'), null)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
