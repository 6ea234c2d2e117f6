import { open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

const LOG_FILE = 'commits.log';
const SNAPSHOT_FILE = 'commits.json';

/**
 * Which readings are finished (acknowledged by the API, or rejected for good), per project.
 *
 * A project's readings are delivered strictly in order and only a prefix of them is ever
 * finished, so one number per project says it all: the sequence number of its last finished
 * reading. Those numbers go to an append-only log of `["project",seq]` JSON lines, written right after
 * the acknowledgement (coalesced per event-loop turn into one `write`); `compact()` folds the log
 * into a snapshot (write a temp file, fsync, rename) and truncates it.
 *
 * The log is not fsync'd per line on purpose: a line lost to a power cut only means that reading
 * is sent again, which the API accepts without a duplicate (same dimensions, time and value). A
 * process crash (SIGKILL) loses nothing that `write` returned, since the data is in the kernel.
 * On reopen the numbers are the maximum of snapshot and log, so replaying a log that was already
 * folded into the snapshot is harmless, and a torn last line is ignored.
 */
export class CommitLog {
  private buffered: string[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private scheduled = false;
  private logBytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
    readonly committed: Map<string, number>,
  ) {}

  static async open(dir: string): Promise<CommitLog> {
    const committed = new Map<string, number>();
    const snapshot = await readOptional(join(dir, SNAPSHOT_FILE));
    if (snapshot) {
      for (const [project, seq] of Object.entries(JSON.parse(snapshot) as Record<string, number>)) {
        raise(committed, project, seq);
      }
    }
    const log = (await readOptional(join(dir, LOG_FILE))) ?? '';
    const complete = log.slice(0, log.lastIndexOf('\n') + 1);
    for (const line of complete.split('\n')) {
      const [project, seq] = parseLine(line);
      if (project !== undefined) raise(committed, project, seq);
    }
    // Cut a torn last line off, or the next line appended would be glued to it and lost.
    if (complete.length < log.length)
      await truncate(join(dir, LOG_FILE), Buffer.byteLength(complete));
    const handle = await open(join(dir, LOG_FILE), 'a');
    const commitLog = new CommitLog(dir, handle, committed);
    commitLog.logBytes = Buffer.byteLength(complete);
    return commitLog;
  }

  /** The last finished sequence number of `project`, or -1. */
  lastDone(project: string): number {
    return this.committed.get(project) ?? -1;
  }

  /** Marks `project`'s readings up to `seq` finished; written to disk within this event-loop turn. */
  commit(project: string, seq: number): void {
    raise(this.committed, project, seq);
    this.buffered.push(`${JSON.stringify([project, seq])}\n`);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  /** Writes what is buffered; resolves when every earlier commit is written. */
  flush(): Promise<void> {
    this.scheduled = false;
    const text = this.buffered.join('');
    this.buffered = [];
    if (text) {
      this.flushing = this.flushing.then(async () => {
        await this.handle.write(text);
        this.logBytes += Buffer.byteLength(text);
      });
    }
    return this.flushing;
  }

  /** Folds the log into the snapshot once it has grown past `minLogBytes`. */
  async compact(minLogBytes: number): Promise<void> {
    await this.flush();
    if (this.logBytes < minLogBytes) return;
    this.flushing = this.flushing.then(async () => {
      const tmp = join(this.dir, tempName(SNAPSHOT_FILE));
      await writeDurably(tmp, JSON.stringify(Object.fromEntries(this.committed)));
      await rename(tmp, join(this.dir, SNAPSHOT_FILE));
      await this.handle.truncate(0);
      this.logBytes = 0;
    });
    await this.flushing;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
  }
}

/** `["NL-0001",42]` -> ['NL-0001', 42]; anything else (a torn or empty line) -> [undefined, -1]. */
function parseLine(line: string): [string | undefined, number] {
  try {
    const [project, seq] = JSON.parse(line) as unknown[];
    if (typeof project === 'string' && Number.isSafeInteger(seq)) return [project, seq as number];
  } catch {
    // not a complete line
  }
  return [undefined, -1];
}

function raise(map: Map<string, number>, project: string, seq: number): void {
  if (seq > (map.get(project) ?? -1)) map.set(project, seq);
}

export async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

let temps = 0;

/**
 * A temp file name no other writer uses, so two writers never rename each other's half-written
 * file. Leftovers of a crash end in `.tmp` and are removed when the spool is opened.
 */
export function tempName(file: string): string {
  temps += 1;
  return `${file}.${process.pid}-${temps}.tmp`;
}

/** Writes `text` to `path` and fsyncs it, so a following `rename` publishes complete data. */
export async function writeDurably(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
