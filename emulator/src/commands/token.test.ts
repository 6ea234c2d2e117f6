import type { JsonWebKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authRequest } from '../../../test/fixtures/jwt/request.js';
import { createJwtAuthorizer } from '../apigw-http/auth/index.js';
import { loadOrCreateKeys, parseDuration, tokenCommand, type TokenIo } from './token.js';

const NOW = Date.UTC(2025, 5, 1, 12);
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function workdir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'windtunnel-token-'));
  dirs.push(dir);
  return dir;
}

/** Runs the command in `cwd` and captures what it prints. */
async function run(flags: Record<string, string>, cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: TokenIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd,
    now: () => NOW,
  };
  const code = await tokenCommand(flags, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

describe('windtunnel token', () => {
  it('mints a token the JWT authorizer accepts with the JWKS it prints (round trip)', async () => {
    const cwd = await workdir();
    const jwks = JSON.parse((await run({ jwks: 'true' }, cwd)).stdout) as { keys: JsonWebKey[] };
    const minted = await run(
      { sub: 'turbine-7', scope: 'telemetry:write', turbines: 'T-007 T-008' },
      cwd,
    );
    const authorizer = createJwtAuthorizer(
      {
        name: 'devices',
        type: 'JWT',
        issuer: 'https://windtunnel.local/',
        audience: ['windtunnel'],
        jwks,
      },
      { now: () => NOW + 60_000 },
    );

    const decision = await authorizer.authorize(
      authRequest({
        headers: { authorization: `Bearer ${minted.stdout.trim()}` },
        authorizationScopes: ['telemetry:write'],
      }),
    );

    expect(minted.code).toBe(0);
    expect(decision.allow && decision.authorizer.jwt).toMatchObject({
      claims: { sub: 'turbine-7', turbines: 'T-007 T-008', exp: String(NOW / 1000 + 3600) },
      scopes: ['telemetry:write'],
    });
  });

  it('also works against the jwks.json it keeps next to the key', async () => {
    const cwd = await workdir();
    const { stdout } = await run({}, cwd);
    const authorizer = createJwtAuthorizer(
      {
        name: 'devices',
        type: 'JWT',
        issuer: 'https://windtunnel.local/',
        audience: ['windtunnel'],
        jwks: { file: '.windtunnel/keys/jwks.json' },
      },
      { cwd, now: () => NOW },
    );

    const decision = await authorizer.authorize(
      authRequest({ headers: { authorization: stdout.trim() } }),
    );

    expect(decision.allow).toBe(true);
  });

  it('reuses the key pair across runs and keeps it private on disk', async () => {
    const cwd = await workdir();
    const keysDir = join(cwd, 'keys');

    const firstJwks = (await run({ keys: 'keys', jwks: 'true' }, cwd)).stdout;
    const secondJwks = (await run({ keys: 'keys', jwks: 'true' }, cwd)).stdout;
    const again = await loadOrCreateKeys(keysDir);

    expect(secondJwks).toBe(firstJwks);
    expect(JSON.parse(firstJwks)).toMatchObject({ keys: [{ kid: again.kid }] });
    expect((await stat(keysDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(keysDir, 'private-key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('prints a JWKS with public members only, never d, p, q, dp, dq or qi', async () => {
    const cwd = await workdir();

    const { stdout } = await run({ jwks: 'true' }, cwd);
    const stored = await readFile(join(cwd, '.windtunnel/keys/jwks.json'), 'utf8');

    for (const text of [stdout, stored]) {
      const [key] = (JSON.parse(text) as { keys: Record<string, unknown>[] }).keys;
      expect(Object.keys(key ?? {}).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    }
    expect(stdout).not.toContain('PRIVATE KEY');
  });

  it('sets the registered claims from the flags and the extra ones from --claims', async () => {
    const cwd = await workdir();

    const { stdout } = await run(
      {
        issuer: 'https://id.example/',
        audience: 'fleet',
        'expires-in': '30m',
        claims: 'site=NL-01,role=device',
      },
      cwd,
    );

    expect(payloadOf(stdout.trim())).toEqual({
      site: 'NL-01',
      role: 'device',
      iss: 'https://id.example/',
      aud: 'fleet',
      iat: NOW / 1000,
      exp: NOW / 1000 + 1800,
    });
  });

  it('leaves out turbines, scope and sub unless they are given', async () => {
    const { stdout } = await run({}, await workdir());

    expect(Object.keys(payloadOf(stdout.trim())).sort()).toEqual(['aud', 'exp', 'iat', 'iss']);
  });

  it('exits 2 with a message for unknown flags, bad durations and reserved --claims', async () => {
    const cwd = await workdir();

    const results = [
      await run({ audiance: 'typo' }, cwd),
      await run({ 'expires-in': 'soon' }, cwd),
      await run({ claims: 'exp=9999999999' }, cwd),
      await run({ claims: 'novalue' }, cwd),
    ];

    expect(results.map((result) => result.code)).toEqual([2, 2, 2, 2]);
    expect(results.map((result) => result.stdout)).toEqual(['', '', '', '']);
    expect(results[0]?.stderr).toMatch(/unknown flag --audiance/);
    await expect(stat(join(cwd, '.windtunnel'))).rejects.toThrow(/ENOENT/);
  });

  it.each([
    ['90', 90],
    ['90s', 90],
    ['30m', 1800],
    ['1h', 3600],
    ['7d', 604_800],
  ])('reads the duration %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });
});
