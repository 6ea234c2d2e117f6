import type { RecordRejection, RejectionCode } from '../TelemetryStore.js';
import { errorName } from './errors.js';

/**
 * RejectedRecordsException (HTTP 419): some records of a WriteRecords call were refused, the
 * others were written ("Other records have already been wrote successfully",
 * amazon-timestream-tools PR #19). Its body carries `RejectedRecords: [{RecordIndex (0-based in
 * the request), Reason, ExistingVersion?}]` (model; shared/research/timestream.md §3.5).
 */
interface RejectedRecordLike {
  RecordIndex?: unknown;
  Reason?: unknown;
  ExistingVersion?: unknown;
}

export interface ChunkOutcome {
  stored: number[];
  rejected: RecordRejection[];
}

export function isRejectedRecordsError(error: unknown): boolean {
  return errorName(error) === 'RejectedRecordsException';
}

/**
 * Timestream states no codes, only reasons in prose; the observed ones are
 * "The record version 2 is lower than the existing version 200. ..." (aws/aws-sdk-pandas#2018),
 * "A record already exists with the same time, dimensions, measure name, and record version. ..."
 * (older text) and "The record timestamp is outside the time range [...) of the memory store."
 * (or "... of the data ingestion window.").
 */
export function rejectionCode(reason: string): RejectionCode {
  if (/version/i.test(reason)) return 'VersionConflict';
  if (/time range|retention|ingestion window/i.test(reason)) return 'OutOfRetention';
  return 'InvalidRecord';
}

/**
 * Splits a chunk into stored and rejected records, in the caller's indexes: `callerIndexes[i]` is
 * the caller's index of the chunk's i-th record. Every record not named in RejectedRecords was
 * written by Timestream.
 */
export function mapRejectedRecords(error: unknown, callerIndexes: readonly number[]): ChunkOutcome {
  const entries = (error as { RejectedRecords?: unknown }).RejectedRecords;
  const rejectedAt = new Map<number, RecordRejection>();
  for (const entry of Array.isArray(entries) ? (entries as RejectedRecordLike[]) : []) {
    const position = entry.RecordIndex;
    if (typeof position !== 'number') continue;
    const index = callerIndexes[position];
    if (index === undefined) continue;
    rejectedAt.set(index, toRejection(index, entry));
  }
  return {
    stored: callerIndexes.filter((index) => !rejectedAt.has(index)),
    rejected: [...rejectedAt.values()],
  };
}

function toRejection(index: number, entry: RejectedRecordLike): RecordRejection {
  const reason = typeof entry.Reason === 'string' ? entry.Reason : 'Rejected by Timestream';
  const code = rejectionCode(reason);
  const rejection: RecordRejection = { index, code, reason };
  const existing = entry.ExistingVersion;
  if (code === 'VersionConflict' && typeof existing === 'number' && Number.isInteger(existing)) {
    rejection.existingVersion = BigInt(existing);
  }
  return rejection;
}
