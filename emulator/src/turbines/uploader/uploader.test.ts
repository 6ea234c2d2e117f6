import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool } from './spool.js';
import { Uploader, type UploaderOptions } from './uploader.js';

interface Seen {
  body: unknown;
  authorization: string | undefined;
  at: number;
}
type Reply = { status: number; headers?: Record<string, string>; body?: unknown } | 'hang';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in for the API that records each request and answers what `reply` says. */
async function fakeApi(reply: (seen: Seen, n: number) => Reply, port = 0) {
  const seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const entry = {
        body: JSON.parse(text),
        authorization: req.headers.authorization,
        at: Date.now(),
      };
      seen.push(entry);
      const answer = reply(entry, seen.length);
      if (answer === 'hang') return;
      setTimeout(() => {
        inFlight -= 1;
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(JSON.stringify(answer.body ?? {}));
      }, 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  cleanups.push(close);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close,
    maxInFlight: () => maxInFlight,
  };
}

const stored = (n: number) => ({
  status: 200,
  body: { stored: [...Array(n).keys()], rejected: [] },
});
const record = (project: string, value: number) => ({
  Dimensions: [{ Name: 'turbine_id', Value: project }],
  MeasureName: 'power_kw',
  MeasureValue: String(value),
});

async function setup(
  readings: [string, number][],
  options: Partial<UploaderOptions> & { url: string },
) {
  const dir = await mkdtemp(join(tmpdir(), 'windtunnel-uploader-'));
  const spool = await Spool.open(dir);
  for (const [project, value] of readings)
    await spool.append(value, [{ project, record: record(project, value) }]);
  const events = {
    acknowledged: 0,
    rejected: [] as string[],
    retries: [] as string[],
    stopped: [] as string[],
  };
  const uploader = new Uploader({
    auth: (project) => `Bearer token-of-${project}`,
    spool,
    backoff: { baseMs: 10, maxMs: 50 },
    events: {
      acknowledged: (_p, n) => (events.acknowledged += n),
      rejected: (_p, list) => events.rejected.push(...list.map((r) => r.code)),
      retry: (_p, reason) => events.retries.push(reason),
      stopped: (project, reason) => events.stopped.push(`${project}: ${reason}`),
    },
    ...options,
  });
  cleanups.push(async () => {
    await uploader.close();
    await spool.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { spool, uploader, events };
}

const values = (seen: Seen[], project: string) =>
  seen
    .map((s) => s.body as { Dimensions: { Value: string }[]; MeasureValue: string })
    .filter((b) => b.Dimensions[0]!.Value === project)
    .map((b) => b.MeasureValue);

describe('Uploader', () => {
  it('sends one bare record per request, per project in order, with the project token', async () => {
    const api = await fakeApi(() => stored(1));
    const readings: [string, number][] = [1, 2, 3].flatMap((v) => [
      ['A', v] as [string, number],
      ['B', v] as [string, number],
    ]);
    const { spool, uploader, events } = await setup(readings, { url: api.url });

    uploader.add(['A', 'B']);

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(values(api.seen, 'A')).toEqual(['1', '2', '3']);
    expect(values(api.seen, 'B')).toEqual(['1', '2', '3']);
    expect(api.seen.find((s) => values([s], 'A').length)?.authorization).toBe('Bearer token-of-A');
    expect(events.acknowledged).toBe(6);
    expect(spool.pending).toBe(0);
  });

  it('sends batches as arrays', async () => {
    const api = await fakeApi((seen) => stored((seen.body as unknown[]).length));
    const { uploader } = await setup(
      [1, 2, 3, 4, 5].map((v) => ['A', v]),
      { url: api.url, batch: 2 },
    );

    uploader.add(['A']);

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(api.seen.map((s) => (s.body as unknown[]).length)).toEqual([2, 2, 1]);
  });

  it('honours Retry-After on 503 and then delivers what was spooled, in order', async () => {
    const api = await fakeApi((_s, n) =>
      n === 1
        ? {
            status: 503,
            headers: { 'retry-after': '1' },
            body: { error: { code: 'StoreUnavailable' } },
          }
        : stored(1),
    );
    const { uploader, events } = await setup(
      [
        ['A', 1],
        ['A', 2],
      ],
      { url: api.url },
    );

    uploader.add(['A']);

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(values(api.seen, 'A')).toEqual(['1', '1', '2']);
    expect(api.seen[1]!.at - api.seen[0]!.at).toBeGreaterThanOrEqual(990);
    expect(events.retries).toEqual(['HTTP 503']);
  });

  it('keeps retrying while the API is unreachable and delivers once it is back', async () => {
    const first = await fakeApi(() => stored(1));
    const port = Number(new URL(first.url).port);
    await first.close();
    const { uploader, events } = await setup([['A', 1]], { url: first.url });

    uploader.add(['A']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const back = await fakeApi(() => stored(1), port);

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(values(back.seen, 'A')).toEqual(['1']);
    expect(events.retries.length).toBeGreaterThan(0);
    expect(events.retries[0]).toBe('ECONNREFUSED');
  });

  it('gives up on a request after the timeout and sends it again', async () => {
    const api = await fakeApi((_s, n) => (n === 1 ? 'hang' : stored(1)));
    const { uploader, events } = await setup([['A', 1]], { url: api.url, timeoutMs: 200 });

    uploader.add(['A']);

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(api.seen).toHaveLength(2);
    expect(events.retries).toEqual(['ETIMEDOUT']);
  });

  it('stops a project whose token is refused and keeps its readings spooled', async () => {
    const api = await fakeApi((seen) =>
      seen.authorization === 'Bearer token-of-BAD'
        ? { status: 401, body: { message: 'Unauthorized' } }
        : stored(1),
    );
    const { spool, uploader, events } = await setup(
      [
        ['BAD', 1],
        ['BAD', 2],
        ['A', 1],
      ],
      { url: api.url },
    );

    uploader.add(['BAD', 'A']);

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(events.stopped).toEqual([expect.stringMatching(/^BAD: .*401/)]);
    expect(spool.pendingFor('BAD')).toBe(2);
    expect(values(api.seen, 'BAD')).toEqual(['1']);
  });

  it('never has more requests in flight than the concurrency', async () => {
    const api = await fakeApi(() => stored(1));
    const readings = Array.from({ length: 20 }, (_, i) => [`P${i}`, 1] as [string, number]);
    const { uploader } = await setup(readings, { url: api.url, concurrency: 3 });

    uploader.add(readings.map(([p]) => p));

    expect(await uploader.whenIdle(5000)).toBe(true);
    expect(api.seen).toHaveLength(20);
    expect(api.maxInFlight()).toBeLessThanOrEqual(3);
  });
});
