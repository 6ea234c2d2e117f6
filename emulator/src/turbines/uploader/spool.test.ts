import { spawnSync } from 'node:child_process';
import { appendFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpoolLockedError } from './lock.js';
import { Spool, SpoolFullError } from './spool.js';

const dirs: string[] = [];
const open: Spool[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function spoolDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'windtunnel-spool-'));
  dirs.push(dir);
  return dir;
}

async function openSpool(dir: string, options = {}): Promise<Spool> {
  const spool = await Spool.open(dir, { compactEveryMs: 60_000, ...options });
  open.push(spool);
  return spool;
}

const record = (value: number) => ({ MeasureName: 'power_kw', MeasureValue: String(value) });
const reading = (project: string, value: number) => ({ project, record: record(value) });
/** Lets the commit log write what it buffered (it flushes on the next event-loop turn). */
const turn = () => new Promise((resolve) => setImmediate(resolve));
const values = (spool: Spool, project: string) =>
  spool.head(project, 1000).map((e) => e.record.MeasureValue);

describe('Spool', () => {
  it('gives back every appended reading, per project in order, after a reopen', async () => {
    const dir = await spoolDir();
    const first = await openSpool(dir);
    await first.append(1000, [reading('A', 1), reading('B', 1)]);
    await first.append(2000, [reading('A', 2), reading('B', 2)]);

    const reopened = await openSpool(dir);

    expect(reopened.pending).toBe(4);
    expect(values(reopened, 'A')).toEqual(['1', '2']);
    expect(values(reopened, 'B')).toEqual(['1', '2']);
    expect(reopened.head('A', 1)[0]).toMatchObject({ project: 'A', instant: 1000 });
  });

  it('after a crash between acknowledgements, reopens with exactly the unacknowledged readings in order', async () => {
    const dir = await spoolDir();
    const crashed = await openSpool(dir);
    for (let i = 1; i <= 5; i++) await crashed.append(i * 1000, [reading('A', i), reading('B', i)]);
    crashed.done('A', 3);
    crashed.done('B', 1);
    await turn();

    const reopened = await openSpool(dir);

    expect(values(reopened, 'A')).toEqual(['4', '5']);
    expect(values(reopened, 'B')).toEqual(['2', '3', '4', '5']);
    expect(reopened.pending).toBe(6);
  });

  it('ignores a torn last line and appends after it in a new segment', async () => {
    const dir = await spoolDir();
    const crashed = await openSpool(dir);
    await crashed.append(1000, [reading('A', 1)]);
    const [segment] = (await readdir(dir)).filter((f) => f.startsWith('segment-'));
    await appendFile(join(dir, segment!), '{"s":1,"p":"A","t":2000,"r":{"Meas');

    const reopened = await openSpool(dir);
    await reopened.append(2000, [reading('A', 2)]);
    const again = await openSpool(dir);

    expect(values(reopened, 'A')).toEqual(['1', '2']);
    expect(values(again, 'A')).toEqual(['1', '2']);
    expect(again.lastInstant('A')).toBe(2000);
  });

  it('keeps acknowledgements written after a torn line in the commit log', async () => {
    const dir = await spoolDir();
    const crashed = await openSpool(dir);
    for (let i = 1; i <= 3; i++) await crashed.append(i, [reading('A', i)]);
    crashed.done('A', 1);
    await turn();
    await appendFile(join(dir, 'commits.log'), '["A",');

    const reopened = await openSpool(dir);
    reopened.done('A', 1);
    await turn();
    const again = await openSpool(dir);

    expect(values(again, 'A')).toEqual(['3']);
  });

  it('loses nothing when a crash tore the only line of a freshly started segment', async () => {
    const dir = await spoolDir();
    const crashed = await openSpool(dir);
    await crashed.append(1000, [reading('A', 1)]);
    // The next segment starts at seq 1; the crash left only part of its first line.
    await writeFile(join(dir, 'segment-0000000000000001.jsonl'), '{"s":1,"p":"A","t":20');

    const reopened = await openSpool(dir);
    await reopened.append(2000, [reading('A', 2)]);
    await reopened.compact();
    const again = await openSpool(dir);

    expect(values(again, 'A')).toEqual(['1', '2']);
  });

  it('keeps the last generated instant and the lifetime count when the checkpoint lags the segments', async () => {
    const dir = await spoolDir();
    const crashed = await openSpool(dir);
    await crashed.append(1000, [reading('A', 1), reading('B', 1)]);
    await crashed.append(2000, [reading('A', 2), reading('A', 22)]);
    // As if killed after the second append's fsync but before its checkpoint was written.
    const lagging = { nextSeq: 2, generated: 2, lastInstant: { A: 1000, B: 1000 } };
    await writeFile(join(dir, 'generated.json'), JSON.stringify(lagging));

    const reopened = await openSpool(dir);

    expect(reopened.lastInstant('A')).toBe(2000);
    expect(reopened.lastInstant('B')).toBe(1000);
    expect(reopened.generatedTotal).toBe(4);
  });

  it('deletes segments once all their readings are finished, keeping disk use bounded', async () => {
    const dir = await spoolDir();
    const spool = await openSpool(dir, { segmentBytes: 200 });
    for (let i = 1; i <= 30; i++) await spool.append(i, [reading('A', i)]);
    const before = (await readdir(dir)).filter((f) => f.startsWith('segment-')).length;

    spool.done('A', 30);
    await spool.compact();

    const after = (await readdir(dir)).filter((f) => f.startsWith('segment-')).length;
    expect(before).toBeGreaterThan(5);
    expect(after).toBeLessThanOrEqual(2);
    expect(spool.pending).toBe(0);
    expect(spool.generatedTotal).toBe(30);
  });

  it('keeps only the memory limit in memory and reads the rest back from disk in order', async () => {
    const dir = await spoolDir();
    const spool = await openSpool(dir, { memoryLimit: 4, segmentBytes: 300 });
    for (let i = 1; i <= 20; i++) await spool.append(i, [reading('A', i), reading('B', i)]);
    expect(spool.pending).toBe(40);

    const delivered: Record<string, string[]> = { A: [], B: [] };
    while (spool.pending > 0) {
      for (const project of ['A', 'B']) {
        const [entry] = spool.head(project, 1);
        if (entry) {
          delivered[project]!.push(String(entry.record.MeasureValue));
          spool.done(project, 1);
        }
      }
      await spool.compact(); // also waits for the read-back
    }

    const expected = Array.from({ length: 20 }, (_, i) => String(i + 1));
    expect(delivered).toEqual({ A: expected, B: expected });
  });

  it('remembers the last instant and the lifetime count after compaction deleted every segment', async () => {
    const dir = await spoolDir();
    const first = await openSpool(dir, { segmentBytes: 200 });
    for (let i = 1; i <= 10; i++) await first.append(i * 1000, [reading('A', i)]);
    first.done('A', 10);
    await first.close();
    expect((await readdir(dir)).filter((f) => f.startsWith('segment-'))).toEqual([]);

    const reopened = await openSpool(dir);

    expect(reopened.pending).toBe(0);
    expect(reopened.lastInstant('A')).toBe(10_000);
    expect(reopened.generatedTotal).toBe(10);
    await reopened.append(11_000, [reading('A', 11)]);
    expect(reopened.head('A', 5).map((e) => e.seq)).toEqual([10]);
  });

  it('reopens a backlog larger than the memory limit and gives it back in order', async () => {
    const dir = await spoolDir();
    const crashed = await openSpool(dir, { segmentBytes: 300 });
    for (let i = 1; i <= 25; i++) await crashed.append(i, [reading('A', i), reading('B', i)]);
    crashed.done('A', 5);
    await turn();

    const reopened = await openSpool(dir, { memoryLimit: 6 });
    const delivered: string[] = [];
    while (reopened.pending > 0) {
      const [entry] = reopened.head('A', 1);
      if (entry) delivered.push(String(entry.record.MeasureValue));
      reopened.done('A', 1);
      reopened.done('B', 1);
      await reopened.compact();
    }

    expect(delivered).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 6)));
  });

  it('refuses new readings once the disk budget is used up', async () => {
    const dir = await spoolDir();
    const spool = await openSpool(dir, { maxBytes: 100 });
    await spool.append(1, [reading('A', 1), reading('A', 2)]);

    await expect(spool.append(2, [reading('A', 3)])).rejects.toBeInstanceOf(SpoolFullError);
  });

  it('refuses a spool another live process holds, and takes over one whose owner died', async () => {
    const held = await spoolDir();
    await writeFile(join(held, 'lock'), String(process.ppid));
    const stale = await spoolDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(stale, 'lock'), String(dead));

    await expect(Spool.open(held)).rejects.toBeInstanceOf(SpoolLockedError);
    await expect(openSpool(stale)).resolves.toBeInstanceOf(Spool);
  });
});
