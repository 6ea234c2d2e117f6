import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../../emulator/src/apigw-http/auth/jwt/mint.js';
import { loadOrCreateKeys } from '../../emulator/src/commands/token.js';
import { loadStackConfig } from '../../emulator/src/config.js';
import { startStack, type Stack } from '../../emulator/src/stack.js';

/** The JSON answers of the stack: the app's ({stored, rejected, error}) or the gateway's ({message}). */
export interface ApiAnswer {
  stored?: number[];
  rejected?: Record<string, unknown>[];
  error?: { code: string; message: string };
  message?: string;
  [key: string]: unknown;
}

export interface PostResult {
  status: number;
  headers: Headers;
  body: ApiAnswer;
}

export interface TestStack {
  stack: Stack;
  url: string;
  /** A device token the stack's JWT authorizer accepts (claims override the defaults). */
  token(claims?: Record<string, unknown>): Promise<string>;
  /** POSTs JSON to /measurements, with a token for every turbine unless `auth` says otherwise. */
  post(body: unknown, auth?: string | null): Promise<PostResult>;
  close(): Promise<void>;
}

/**
 * The local stack on a free loopback port, with its dev key pair in a temporary directory, as
 * `windtunnel up` runs it. `env` is the function's environment (STORAGE_BACKEND, INFLUX_URL...).
 */
export async function startTestStack(env: Record<string, string>): Promise<TestStack> {
  const keysDir = mkdtempSync(join(tmpdir(), 'windtunnel-keys-'));
  const config = loadStackConfig({ WINDTUNNEL_KEYS_DIR: keysDir, PORT: '0' });
  const stack = await startStack({ env, stack: config, log: () => {} });
  const token = async (claims: Record<string, unknown> = {}) => {
    const keys = await loadOrCreateKeys(keysDir);
    const now = Math.floor(Date.now() / 1000);
    return mintToken(keys.privateKey, keys.kid, {
      iss: config.jwt.issuer,
      aud: config.jwt.audience,
      sub: 'test-gateway',
      turbines: '*',
      iat: now,
      exp: now + 3600,
      ...claims,
    });
  };
  const everyTurbine = await token();
  return {
    stack,
    url: stack.url,
    token,
    async post(body, auth = everyTurbine) {
      const res = await fetch(`${stack.url}/measurements`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(auth === null ? {} : { authorization: `Bearer ${auth}` }),
        },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: text ? JSON.parse(text) : undefined,
      };
    },
    async close() {
      await stack.close();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}
