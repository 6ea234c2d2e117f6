import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { WireRecord } from '../../../../app/src/telemetry/record.js';
import { CheckpointWriter, readCheckpoint, type Checkpoint } from './checkpoint.js';
import { CommitLog } from './commitLog.js';
import { acquireLock } from './lock.js';
import { compactSegments } from './spoolCompaction.js';
import { scanSegments, type SegmentInfo } from './spoolScan.js';
import { PendingReadings } from './pending.js';
import { encodeEntries, SegmentWriter, type SpoolEntry } from './segments.js';

export type { SpoolEntry } from './segments.js';

export interface SpoolOptions {
  /** Readings kept in memory; the rest wait on disk and are read back as the queue drains. */
  memoryLimit?: number;
  /** A segment is closed and a new one started past this size. */
  segmentBytes?: number;
  /**
   * Appends are refused (SpoolFullError) while the segments take more than this. Default 2 GiB:
   * about an hour and a half of the whole 770-project fleet's readings during an outage.
   */
  maxBytes?: number;
  /** How often finished segments are deleted. */
  compactEveryMs?: number;
  log?: (line: string) => void;
}

/** The spool's disk budget is used up: the reading was NOT stored. */
export class SpoolFullError extends Error {
  override readonly name = 'SpoolFullError';
}

/**
 * A durable, append-only queue of readings on disk, with per-project order: a reading is written
 * (and fsync'd) before anyone may send it, and leaves only when `done` says the API acknowledged
 * or finally rejected it. Reopening the directory after a crash yields exactly the unfinished
 * readings, in order.
 *
 * Files (see segments.ts, commitLog.ts, checkpoint.ts): `segment-*.jsonl` (the readings),
 * `commits.log` + `commits.json` (per project, the last finished sequence number),
 * `generated.json` (last generated instant per project). Segments whose readings are all finished
 * are deleted (spoolCompaction.ts), so disk use follows the backlog, not the run's length.
 *
 * @example
 * const spool = await Spool.open('.windtunnel/spool');
 * await spool.append(instant, [{ project: 'NL-0001', record }]);
 * const [entry] = spool.head('NL-0001', 1); // send it, then:
 * spool.done('NL-0001', 1);
 * await spool.close();
 */
export class Spool {
  private readonly listeners: ((projects: string[]) => void)[] = [];
  private readonly pendingReadings: PendingReadings;
  private writer: SegmentWriter | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly log: (line: string) => void;

  private constructor(
    private readonly dir: string,
    private readonly commits: CommitLog,
    private readonly checkpoints: CheckpointWriter,
    private readonly checkpoint: Checkpoint,
    private readonly segments: SegmentInfo[],
    pending: Map<string, number>,
    private readonly unlock: () => Promise<void>,
    private readonly options: SpoolOptions,
  ) {
    this.pendingReadings = new PendingReadings(
      pending,
      segments[0],
      options.memoryLimit ?? 100_000,
    );
    this.log = options.log ?? (() => undefined);
    this.timer = setInterval(() => void this.compact(), options.compactEveryMs ?? 1000);
    this.timer.unref();
  }

  static async open(dir: string, options: SpoolOptions = {}): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    const unlock = await acquireLock(dir);
    await removeTempFiles(dir);
    const commits = await CommitLog.open(dir);
    const scan = await scanSegments(dir, (p) => commits.lastDone(p), await readCheckpoint(dir));
    for (const problem of scan.problems) options.log?.(`spool: ${problem}`);
    const spool = new Spool(
      dir,
      commits,
      new CheckpointWriter(dir),
      scan.checkpoint,
      scan.segments,
      scan.pending,
      unlock,
      options,
    );
    await spool.serial(() => spool.refill());
    return spool;
  }

  /** Unfinished readings, in memory and on disk. */
  get pending(): number {
    return this.pendingReadings.total;
  }

  pendingFor(project: string): number {
    return this.pendingReadings.of(project);
  }

  /** Projects that have unfinished readings (including ones left from earlier runs). */
  projects(): string[] {
    return this.pendingReadings.projects();
  }

  /** Readings generated over the spool's life, across restarts. */
  get generatedTotal(): number {
    return this.checkpoint.generated;
  }

  lastInstant(project: string): number | undefined {
    return this.checkpoint.lastInstant[project];
  }

  /** Calls `listener` with the projects that have new readings ready to send. */
  onReadable(listener: (projects: string[]) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Writes one instant's readings durably (one write + fsync) and records the instant as
   * generated for their projects. Resolves once they are on disk.
   */
  append(instant: number, readings: { project: string; record: WireRecord }[]): Promise<void> {
    return this.serial(async () => {
      if (readings.length === 0) return;
      const max = this.options.maxBytes ?? 2 * 1024 ** 3;
      if (this.segments.reduce((sum, s) => sum + s.bytes, 0) > max) {
        throw new SpoolFullError(`the spool in ${this.dir} holds more than ${max} bytes`);
      }
      const seq = this.checkpoint.nextSeq;
      const entries = readings.map((r, i) => ({ ...r, seq: seq + i, instant }));
      const data = encodeEntries(entries);
      const writer = await this.writerFor(seq, data.length);
      const segment = this.segments[this.segments.length - 1]!;
      const wasCaughtUp = this.pendingReadings.caughtUp;
      await writer.append(data);
      segment.bytes = writer.bytes;
      this.checkpoint.nextSeq = seq + entries.length;
      this.checkpoint.generated += entries.length;
      for (const e of entries) {
        segment.lastSeq.set(e.project, e.seq);
        this.checkpoint.lastInstant[e.project] = instant;
      }
      if (this.pendingReadings.appended(entries, segment, wasCaughtUp)) {
        this.notify(entries.map((e) => e.project));
      }
      await this.checkpoints.write(this.checkpoint);
    });
  }

  /** The oldest unfinished readings of `project`, at most `max`, in order (not removed). */
  head(project: string, max: number): SpoolEntry[] {
    return this.pendingReadings.head(project, max);
  }

  /** The first `count` readings of `head(project)` are finished: acknowledged or rejected for good. */
  done(project: string, count: number): void {
    const last = this.pendingReadings.remove(project, count);
    if (!last) return;
    this.commits.commit(project, last.seq);
    if (this.pendingReadings.wantsRefill) {
      void this.serial(() => this.refill()).catch((err: unknown) =>
        this.log(`spool: reading back failed: ${String(err)}`),
      );
    }
  }

  /** Deletes segments whose readings are all finished. */
  compact(): Promise<void> {
    return this.serial(() =>
      compactSegments({
        segments: this.segments,
        keep: [this.writer?.file, this.pendingReadings.readingSegment?.file],
        lastDone: (p) => this.commits.lastDone(p),
        beforeDelete: () => this.checkpoints.write(this.checkpoint, true),
        commits: this.commits,
      }),
    ).catch((err: unknown) => this.log(`spool: compaction failed: ${String(err)}`));
  }

  /** Flushes everything and releases the directory. Calling it again returns the same promise. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.serial(async () => {
      await this.writer?.close();
      this.writer = undefined;
      // Nothing reads on after close, so the reader's segment may go too if it is finished.
      this.pendingReadings.stopReading();
    });
    await this.compact();
    await this.checkpoints.write(this.checkpoint, true);
    await this.commits.close();
    await this.unlock();
  }

  private async writerFor(firstSeq: number, size: number): Promise<SegmentWriter> {
    const limit = this.options.segmentBytes ?? 4 * 1024 * 1024;
    if (this.writer && (this.writer.bytes === 0 || this.writer.bytes + size <= limit)) {
      return this.writer;
    }
    await this.writer?.close();
    this.writer = await SegmentWriter.create(this.dir, firstSeq);
    this.segments.push({ file: this.writer.file, bytes: this.writer.bytes, lastSeq: new Map() });
    return this.writer;
  }

  private async refill(): Promise<void> {
    const ready = await this.pendingReadings.refill(this.segments, (p) => this.commits.lastDone(p));
    if (ready.length > 0) this.notify(ready);
  }

  private notify(projects: string[]): void {
    const unique = [...new Set(projects)];
    for (const listener of this.listeners) listener(unique);
  }

  /** Runs file operations one at a time, in call order. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** Half-written checkpoint or snapshot files a crash left behind (never renamed into place). */
async function removeTempFiles(dir: string): Promise<void> {
  const temps = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
  await Promise.all(temps.map((name) => rm(join(dir, name), { force: true })));
}
