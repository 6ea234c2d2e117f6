import { open, readdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { WireRecord } from '../../../../app/src/telemetry/record.js';

/**
 * The spool's data files: append-only segments of JSON lines, one line per reading,
 * `{"s":seq,"p":project,"t":instant,"r":record}`. A segment is named after the first sequence
 * number it holds (`segment-0000000000000042.jsonl`), so a directory listing sorted by name is
 * the delivery order. A segment is never modified in place: a crash can only leave a torn LAST
 * line (a prefix of one `write`), which the reader ignores, and after a restart appends go to a
 * new segment so that torn tail is never followed by good data.
 */
export interface SpoolEntry {
  /** Global, strictly increasing sequence number: the delivery order. */
  seq: number;
  project: string;
  /** The measurement instant (ms since the epoch) the reading belongs to. */
  instant: number;
  record: WireRecord;
}

export interface SegmentFile {
  name: string;
  path: string;
  firstSeq: number;
}

const SEGMENT_PATTERN = /^segment-(\d{16})\.jsonl$/;

export function segmentName(firstSeq: number): string {
  return `segment-${String(firstSeq).padStart(16, '0')}.jsonl`;
}

/** The segments in `dir`, oldest first. */
export async function listSegments(dir: string): Promise<SegmentFile[]> {
  const names = await readdir(dir);
  return names
    .map((name) => ({ name, match: SEGMENT_PATTERN.exec(name) }))
    .filter((f) => f.match !== null)
    .map((f) => ({ name: f.name, path: join(dir, f.name), firstSeq: Number(f.match![1]) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

export function encodeEntries(entries: readonly SpoolEntry[]): Buffer {
  const lines = entries.map((e) =>
    JSON.stringify({ s: e.seq, p: e.project, t: e.instant, r: e.record }),
  );
  return Buffer.from(lines.join('\n') + '\n');
}

export interface ParsedChunk {
  entries: SpoolEntry[];
  /** For each entry, the byte offset just past its line (where a reader resumes after it). */
  ends: number[];
  /** Bytes consumed: up to and including the last complete line. */
  consumed: number;
  /** Complete lines that were not a valid entry (skipped, reported by the caller). */
  corrupt: number;
}

/** Parses the complete lines of `buffer`; a trailing partial line (a torn write) is left out. */
export function parseEntries(buffer: Buffer): ParsedChunk {
  const entries: SpoolEntry[] = [];
  const ends: number[] = [];
  let corrupt = 0;
  let start = 0;
  for (let nl = buffer.indexOf(10, start); nl !== -1; nl = buffer.indexOf(10, start)) {
    const entry = decodeLine(buffer.toString('utf8', start, nl));
    if (entry) {
      entries.push(entry);
      ends.push(nl + 1);
    } else if (nl > start) corrupt += 1;
    start = nl + 1;
  }
  return { entries, ends, consumed: start, corrupt };
}

function decodeLine(line: string): SpoolEntry | undefined {
  try {
    const raw = JSON.parse(line) as { s?: unknown; p?: unknown; t?: unknown; r?: unknown };
    const ok =
      Number.isSafeInteger(raw.s) &&
      typeof raw.p === 'string' &&
      typeof raw.t === 'number' &&
      typeof raw.r === 'object' &&
      raw.r !== null;
    if (!ok) return undefined;
    return {
      seq: raw.s as number,
      project: raw.p as string,
      instant: raw.t as number,
      record: raw.r as WireRecord,
    };
  } catch {
    return undefined;
  }
}

/** Reads `path` from byte `offset` to its end (segments are bounded, so this stays small). */
export async function readFrom(path: string, offset: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, size - offset);
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(buffer, read, length - read, offset + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return buffer.subarray(0, read);
  } finally {
    await handle.close();
  }
}

/**
 * The segment new readings are appended to. Each `append` is one `write` followed by
 * `datasync`, so a reading is on disk before the uploader may send it (one fsync per generated
 * instant for the whole fleet: group commit, not one per reading).
 */
export class SegmentWriter {
  private constructor(
    readonly file: SegmentFile,
    private readonly handle: FileHandle,
    public bytes: number,
  ) {}

  static async create(dir: string, firstSeq: number): Promise<SegmentWriter> {
    const name = segmentName(firstSeq);
    const path = join(dir, name);
    // 'wx': a new segment never continues an old file, whose tail may be torn.
    const handle = await open(path, 'wx');
    return new SegmentWriter({ name, path, firstSeq }, handle, 0);
  }

  async append(data: Buffer): Promise<void> {
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await this.handle.write(data, written, data.length - written);
      written += bytesWritten;
    }
    await this.handle.datasync();
    this.bytes += data.length;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export async function removeSegment(file: SegmentFile): Promise<void> {
  await unlink(file.path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}
