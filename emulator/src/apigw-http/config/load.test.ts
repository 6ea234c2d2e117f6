import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './load.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'windtunnel-gateway-config-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadGatewayConfig', () => {
  it('makes handler and JWKS files absolute against the config file folder', async () => {
    const file = join(dir, 'gateway.json');
    await writeFile(
      file,
      JSON.stringify({
        function: { handler: 'dist/lambda.js#handler' },
        authorizers: {
          jwt: {
            type: 'JWT',
            issuer: 'https://i',
            audience: ['a'],
            jwks: { file: 'keys/jwks.json' },
          },
          lambda: { type: 'REQUEST', handler: '/abs/authorizer.js' },
        },
      }),
    );

    const config = await loadGatewayConfig(file);

    expect(config.function?.handler).toBe(join(dir, 'dist/lambda.js#handler'));
    expect(config.authorizers.jwt).toMatchObject({ jwks: { file: join(dir, 'keys/jwks.json') } });
    expect(config.authorizers.lambda).toMatchObject({ handler: '/abs/authorizer.js' });
  });

  it('names the file when it is missing, not JSON, or invalid', async () => {
    const broken = join(dir, 'broken.json');
    const invalid = join(dir, 'invalid.json');
    await writeFile(broken, '{ "routes": [ ');
    await writeFile(invalid, '{ "stage": 7 }');

    await expect(loadGatewayConfig(join(dir, 'nope.json'))).rejects.toThrow(
      /nope\.json.*cannot read/s,
    );
    await expect(loadGatewayConfig(broken)).rejects.toThrow(/broken\.json.*not valid JSON/s);
    await expect(loadGatewayConfig(invalid)).rejects.toThrow(
      /invalid\.json.*stage: must be a non-empty string/s,
    );
  });
});
