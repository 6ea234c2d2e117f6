import type { Checkpoint } from './checkpoint.js';
import {
  listSegments,
  parseEntries,
  readFrom,
  removeSegment,
  type SegmentFile,
} from './segments.js';

/** What the spool knows about one segment without keeping its readings in memory. */
export interface SegmentInfo {
  file: SegmentFile;
  /** Bytes up to the end of its last complete line: readers never look past them. */
  bytes: number;
  /** Per project, the sequence number of its last reading in this segment. */
  lastSeq: Map<string, number>;
}

export interface ScanResult {
  segments: SegmentInfo[];
  /** Unfinished readings per project (all still on disk only). */
  pending: Map<string, number>;
  checkpoint: Checkpoint;
  problems: string[];
}

/**
 * Reopens a spool: reads every segment once to learn which readings are still unfinished
 * (sequence number above the project's committed one), and brings the checkpoint up to date
 * with the segments, which may be one instant ahead of it after a crash.
 */
export async function scanSegments(
  dir: string,
  lastDone: (project: string) => number,
  saved: Checkpoint,
): Promise<ScanResult> {
  const checkpoint: Checkpoint = { ...saved, lastInstant: { ...saved.lastInstant } };
  const pending = new Map<string, number>();
  const problems: string[] = [];
  const segments: SegmentInfo[] = [];
  for (const file of await listSegments(dir)) {
    const buffer = await readFrom(file.path, 0);
    const parsed = parseEntries(buffer);
    if (parsed.consumed < buffer.length) {
      problems.push(
        `${file.name}: ignored a torn last line (${buffer.length - parsed.consumed} bytes)`,
      );
    }
    if (parsed.corrupt > 0) {
      problems.push(`${file.name}: skipped ${parsed.corrupt} unreadable lines`);
    }
    if (parsed.entries.length === 0) {
      // Nothing readable (a crash right after the segment was started): its name is the next
      // sequence number, which the next segment must be free to take.
      await removeSegment(file);
      continue;
    }
    const info: SegmentInfo = { file, bytes: parsed.consumed, lastSeq: new Map() };
    for (const entry of parsed.entries) {
      info.lastSeq.set(entry.project, entry.seq);
      checkpoint.nextSeq = Math.max(checkpoint.nextSeq, entry.seq + 1);
      // Compare with the SAVED instant: every reading of an instant newer than the checkpoint
      // was generated after it was written and is not yet counted.
      if (entry.instant > (saved.lastInstant[entry.project] ?? -Infinity)) {
        checkpoint.generated += 1;
        const last = checkpoint.lastInstant[entry.project] ?? -Infinity;
        checkpoint.lastInstant[entry.project] = Math.max(last, entry.instant);
      }
      if (entry.seq > lastDone(entry.project)) {
        pending.set(entry.project, (pending.get(entry.project) ?? 0) + 1);
      }
    }
    segments.push(info);
  }
  return { segments, pending, checkpoint, problems };
}
