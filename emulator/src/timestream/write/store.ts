import type {
  RecordRejection,
  TableRef,
  TelemetryStore,
} from '../../../../app/src/storage/TelemetryStore.js';
import { InternalServerException, type RejectedRecord } from '../protocol/errors.js';
import type { AcceptedRecord } from './prepare.js';

export interface StoreOutcome {
  /** Request indexes of the records now stored. */
  stored: AcceptedRecord[];
  rejected: RejectedRecord[];
}

/**
 * Hands the accepted records to the storage port, which applies the upsert rules (identical
 * re-write accepted, changed value without a higher version rejected with the stored version;
 * app/src/storage/upsert.ts, already in AWS's words), and maps its answer back to request indexes.
 *
 * When the store is unavailable, for all records or some, the answer is InternalServerException
 * (HTTP 500, retried by every SDK) rather than per-record rejections: the records stored before
 * the outage are identical re-writes on the retry, which the upsert rules accept, so retrying the
 * whole request is safe and a client's retry logic can do its work.
 */
export async function storeRecords(
  store: TelemetryStore,
  table: TableRef,
  accepted: readonly AcceptedRecord[],
): Promise<StoreOutcome> {
  if (accepted.length === 0) return { stored: [], rejected: [] };
  let result;
  try {
    result = await store.write(
      table,
      accepted.map((a) => a.record),
    );
  } catch (error) {
    throw unavailable(error);
  }
  if (result.rejected.some((r) => r.code === 'StoreUnavailable')) {
    throw unavailable(result.rejected.find((r) => r.code === 'StoreUnavailable')?.reason);
  }
  return {
    stored: result.stored.map((i) => accepted[i]!),
    rejected: result.rejected.map((r) => toRejectedRecord(accepted[r.index]!.index, r)),
  };
}

export function toRejectedRecord(recordIndex: number, rejection: RecordRejection): RejectedRecord {
  const rejected: RejectedRecord = { RecordIndex: recordIndex, Reason: rejection.reason };
  // The model's ExistingVersion is a long; JSON carries it as a number (exact up to 2^53).
  if (rejection.existingVersion !== undefined) {
    rejected.ExistingVersion = Number(rejection.existingVersion);
  }
  return rejected;
}

function unavailable(cause: unknown): InternalServerException {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new InternalServerException(
    'Timestream was unable to fully process this request because of an internal server error: ' +
      `the emulator's storage failed (${detail}).`,
  );
}
