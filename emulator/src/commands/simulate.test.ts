import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { simulateCommand, type SimulateIo } from './simulate.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function capture(): Writable & { text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return Object.assign(stream, { text: () => text });
}

function io(env: Record<string, string> = {}) {
  const stdout = capture();
  const stderr = capture();
  const signals = new EventEmitter();
  const value: SimulateIo = {
    stdout,
    stderr,
    env,
    signals: signals as unknown as SimulateIo['signals'],
  };
  return { io: value, stdout, stderr, signals };
}

/** An API that stores everything (200) and counts the records it got. */
async function acceptingApi(): Promise<{ url: string; received: () => number }> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"stored":[0],"rejected":[]}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received: () => received };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'windtunnel-simcmd-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('simulateCommand', () => {
  it('exits 2 with a message naming the flag for a value it cannot use', async () => {
    const run = io();
    expect(await simulateCommand({ 'power-curve': 'linear' }, run.io)).toBe(2);
    expect(run.stderr.text()).toMatch(/--power-curve must be one of original, cubic; got 'linear'/);
  });

  it('exits 2 when --weather owm has no OWM_API_KEY', async () => {
    const run = io();
    expect(await simulateCommand({ weather: 'owm' }, run.io)).toBe(2);
    expect(run.stderr.text()).toMatch(/OWM_API_KEY/);
  });

  it('runs the generated fleet for --duration, prints a summary and writes --report-json', async () => {
    const api = await acceptingApi();
    const dir = await tempDir();
    const run = io();
    const flags = {
      url: api.url,
      projects: '4',
      interval: '100ms',
      duration: '500ms',
      spool: join(dir, 'spool'),
      'report-json': join(dir, 'report.json'),
      'no-auth': 'true',
    };

    const code = await simulateCommand(flags, run.io);

    expect(code).toBe(0);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Record<
      string,
      number
    >;
    expect(report).toMatchObject({ generated: 20, acknowledged: 20, spooled: 0, projects: 4 });
    expect(api.received()).toBe(20);
    expect(run.stdout.text()).toMatch(/generated 20, acknowledged 20, rejected 0, still spooled 0/);
  });

  it('stops measuring on SIGINT, delivers what is spooled, and says it was interrupted', async () => {
    const api = await acceptingApi();
    const dir = await tempDir();
    const run = io();
    const flags = {
      url: api.url,
      projects: '2',
      interval: '100ms',
      duration: 'forever',
      spool: dir,
      'no-auth': 'true',
    };

    const running = simulateCommand(flags, run.io);
    await new Promise((resolve) => setTimeout(resolve, 350));
    run.signals.emit('SIGINT', 'SIGINT');
    const code = await running;

    expect(code).toBe(0);
    expect(run.stderr.text()).toMatch(/SIGINT: stopped measuring/);
    expect(run.stdout.text()).toMatch(/\(interrupted\)/);
    expect(run.signals.listenerCount('SIGINT')).toBe(0);
  });
});
