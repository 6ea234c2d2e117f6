import type { CommitLog } from './commitLog.js';
import { removeSegment, type SegmentFile } from './segments.js';
import type { SegmentInfo } from './spoolScan.js';

/** The commit log is folded into its snapshot once it is this large. */
const COMMIT_LOG_FOLD_BYTES = 1024 * 1024;

export interface CompactionInput {
  /** Oldest first; finished segments are removed from this array. */
  segments: SegmentInfo[];
  /** Never deleted: the segment being appended to, and the one the reader is positioned in. */
  keep: (SegmentFile | undefined)[];
  lastDone: (project: string) => number;
  /** Runs before the first deletion: the checkpoint must outlive the segments it summarises. */
  beforeDelete: () => Promise<void>;
  commits: CommitLog;
}

/**
 * Bounded disk use: deletes every segment whose readings are all finished, whatever its age (a
 * stuck project keeps only the segments holding its own readings), then folds a large commit log.
 * A segment is finished when, for each project in it, the project's committed sequence number has
 * reached the project's last reading in that segment (finishing is per-project prefix order).
 */
export async function compactSegments(input: CompactionInput): Promise<void> {
  const kept = new Set(input.keep.map((file) => file?.path));
  const finished = input.segments.filter(
    (segment) =>
      !kept.has(segment.file.path) &&
      [...segment.lastSeq].every(([project, seq]) => input.lastDone(project) >= seq),
  );
  if (finished.length > 0) {
    await input.beforeDelete();
    for (const segment of finished) {
      await removeSegment(segment.file);
      input.segments.splice(input.segments.indexOf(segment), 1);
    }
  }
  await input.commits.compact(COMMIT_LOG_FOLD_BYTES);
}
