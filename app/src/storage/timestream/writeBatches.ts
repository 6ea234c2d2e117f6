import { WriteRecordsCommand, type TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import type { RecordRejection, TableRef, WriteResult } from '../TelemetryStore.js';
import { chunk, MAX_RECORDS_PER_WRITE, runBounded } from './chunk.js';
import { errorMessage, errorName, isRetryable, toStorageError, unavailable } from './errors.js';
import { isRejectedRecordsError, mapRejectedRecords, type ChunkOutcome } from './rejections.js';
import { withRetry, type RetryPolicy } from './retry.js';
import type { PreparedRecord } from './toWriteRecords.js';

export interface WriteContext {
  client: TimestreamWriteClient;
  retry: RetryPolicy;
  /** Chunks in flight at once. */
  concurrency: number;
}

/**
 * Writes prepared records in chunks of 100, `concurrency` chunks at a time, and merges the
 * outcomes. A chunk that stays unavailable after its retries has its records rejected with
 * `StoreUnavailable`; when no record of the whole call was stored, `StoreUnavailableError` is
 * thrown instead (the port's rule). A missing table or an error such as AccessDeniedException
 * stops the call: no further chunk starts and the error is thrown.
 */
export async function writeBatches(
  context: WriteContext,
  table: TableRef,
  prepared: readonly PreparedRecord[],
  rejectedUpFront: readonly RecordRejection[] = [],
): Promise<WriteResult> {
  const stored: number[] = [];
  const rejected: RecordRejection[] = [...rejectedUpFront];
  let lastUnavailable: unknown;

  await runBounded(chunk(prepared, MAX_RECORDS_PER_WRITE), context.concurrency, async (part) => {
    const outcome = await writeChunk(context, table, part);
    stored.push(...outcome.stored);
    rejected.push(...outcome.rejected);
    if (outcome.unavailable !== undefined) lastUnavailable = outcome.unavailable;
  });

  if (lastUnavailable !== undefined && stored.length === 0) throw unavailable(lastUnavailable);
  return {
    stored: stored.sort((a, b) => a - b),
    rejected: rejected.sort((a, b) => a.index - b.index),
  };
}

async function writeChunk(
  context: WriteContext,
  table: TableRef,
  part: readonly PreparedRecord[],
): Promise<ChunkOutcome & { unavailable?: unknown }> {
  const indexes = part.map((p) => p.index);
  const command = () =>
    new WriteRecordsCommand({
      DatabaseName: table.database,
      TableName: table.table,
      Records: part.map((p) => p.record),
    });
  try {
    await withRetry(() => context.client.send(command()), context.retry);
    return { stored: indexes, rejected: [] };
  } catch (error) {
    if (isRejectedRecordsError(error)) return mapRejectedRecords(error, indexes);
    if (isRetryable(error)) {
      return {
        stored: [],
        rejected: rejectAll(indexes, 'StoreUnavailable', error),
        unavailable: error,
      };
    }
    // A ValidationException refuses the whole request; Timestream does not say which record.
    if (errorName(error) === 'ValidationException') {
      return { stored: [], rejected: rejectAll(indexes, 'InvalidRecord', error) };
    }
    throw toStorageError(error);
  }
}

function rejectAll(
  indexes: readonly number[],
  code: 'StoreUnavailable' | 'InvalidRecord',
  error: unknown,
): RecordRejection[] {
  const reason = `${errorName(error)}: ${errorMessage(error)}`;
  return indexes.map((index) => ({ index, code, reason }));
}
