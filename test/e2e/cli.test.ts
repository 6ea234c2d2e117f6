import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The `windtunnel` command as a user runs it: the built CLI (npm test builds before vitest runs).
const bin = fileURLToPath(new URL('../../bin/windtunnel.js', import.meta.url));
const built = existsSync(new URL('../../dist/emulator/src/cli.js', import.meta.url));

function run(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(INFLUX_|STORAGE_BACKEND|PORT$|HOST$)/.test(k)),
  );
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...clean, TIMESTREAM_EMULATOR_PORT: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function firstLine(out: () => string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (!out().includes('\n')) {
    if (Date.now() > until) throw new Error('the CLI printed no start-up line');
    await new Promise((r) => setTimeout(r, 50));
  }
  return out().split('\n')[0]!;
}

describe.skipIf(!built)('the windtunnel command', () => {
  let child: ChildProcessWithoutNullStreams | undefined;
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  it('up: says in one line where the API is and that the store is in memory, and stops on Ctrl-C', async () => {
    const keys = mkdtempSync(join(tmpdir(), 'windtunnel-keys-'));
    const cli = run(['up', '--port', '0'], { WINDTUNNEL_KEYS_DIR: keys });
    child = cli.child;
    const line = await firstLine(cli.out);
    expect(line).toMatch(
      /^windtunnel: API on http:\/\/127\.0\.0\.1:\d+, devices need a JWT .*in-memory store/,
    );
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)![0];
    const health = await fetch(`${url}/health`);
    expect(await health.json()).toEqual({
      status: 'ok',
      storage: { backend: 'memory', status: 'ok' },
    });
    // The second line: the Timestream API emulator, answering the AWS JSON 1.0 protocol.
    while (cli.out().split('\n').length < 3) await new Promise((r) => setTimeout(r, 50));
    const timestream = /Timestream API .* on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.out())![1];
    const list = await fetch(`${timestream}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'Timestream_20181101.ListDatabases',
      },
      body: '{}',
    });
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ Databases: [] });
    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
    rmSync(keys, { recursive: true, force: true });
  });

  it('token: mints a device token that the stack started with the same keys accepts', async () => {
    const keys = mkdtempSync(join(tmpdir(), 'windtunnel-keys-'));
    try {
      const minted = run(['token', '--sub', 'NL-0001'], { WINDTUNNEL_KEYS_DIR: keys });
      expect(await minted.exited).toBe(0);
      const token = minted.out().trim();
      expect(token.split('.')).toHaveLength(3);
      const cli = run(['up', '--port', '0'], { WINDTUNNEL_KEYS_DIR: keys });
      child = cli.child;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await firstLine(cli.out))![0];
      const post = (auth: string) =>
        fetch(`${url}/measurements`, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json' },
          body: JSON.stringify({
            Dimensions: [{ Name: 'turbine_id', Value: 'NL-0001' }],
            MeasureName: 'power_kw',
            MeasureValue: '1532.5',
            Time: String(Date.now()),
          }),
        });
      expect((await post(`Bearer ${token}`)).status).toBe(200);
      expect((await post('Bearer not-a-token')).status).toBe(401);
    } finally {
      rmSync(keys, { recursive: true, force: true });
    }
  });

  it('up: refuses a bad variable with a message naming it, before opening a port', async () => {
    const cli = run(['up', '--port', '0'], { STORAGE_BACKEND: 'postgres' });
    child = cli.child;
    expect(await cli.exited).toBe(2);
    expect(cli.err()).toContain('STORAGE_BACKEND must be one of memory, influx, timestream');
    expect(cli.out()).toBe('');
  });

  it('gateway: serves any handler module', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'windtunnel-handler-'));
    const file = join(dir, 'handler.mjs');
    writeFileSync(file, 'export const hello = async () => ({ hello: "gateway" });\n');
    try {
      const cli = run(['gateway', '--handler', `${file}#hello`, '--port', '0']);
      child = cli.child;
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(await firstLine(cli.out))![0];
      const res = await fetch(`${url}/anything`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ hello: 'gateway' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
