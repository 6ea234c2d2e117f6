import { sortByTimeThenSeries } from '../../../../../app/src/storage/order.js';
import {
  StoreUnavailableError,
  TableNotFoundError,
  type RecordQuery,
  type TableRef,
  type TelemetryStore,
} from '../../../../../app/src/storage/TelemetryStore.js';
import type { TelemetryRecord } from '../../../../../app/src/telemetry/record.js';
import { InternalServerException, ValidationException } from '../../protocol/errors.js';
import type { Pushdown } from './pushdown.js';

/**
 * The store calls of one query. The port returns whole arrays, so memory is bounded by asking
 * for at most `maxRecords + 1` records per call and refusing the query when more would come,
 * rather than running the process out of memory.
 */
export interface Fetched {
  records: TelemetryRecord[];
  /** Whether these are all the records in the retention window (then they also give the schema). */
  complete: boolean;
}

export async function fetchRecords(
  store: TelemetryStore,
  table: TableRef,
  pushdown: Pushdown,
  window: { from: bigint; to: bigint },
  options: { maxRecords: number; limit?: number },
): Promise<Fetched> {
  if (pushdown.empty) return { records: [], complete: false };
  const calls: RecordQuery[] = pushdown.dimensionSets.map((dimensions) => ({
    from: pushdown.from,
    to: pushdown.to,
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    ...(pushdown.measureNames ? { measureNames: pushdown.measureNames } : {}),
    limit: Math.min(options.limit ?? Infinity, options.maxRecords + 1),
  }));
  const batches: TelemetryRecord[][] = [];
  let total = 0;
  for (const call of calls) {
    const batch = await storeQuery(store, table, call);
    total += batch.length;
    if (total > options.maxRecords) throw tooMany(options.maxRecords);
    batches.push(batch);
  }
  // Several calls (one per IN value): merge back into the store's order.
  const records =
    batches.length === 1 ? (batches[0] as TelemetryRecord[]) : sortByTimeThenSeries(batches.flat());
  const complete =
    calls.length === 1 &&
    pushdown.from <= window.from &&
    pushdown.to >= window.to &&
    !pushdown.measureNames &&
    Object.keys(pushdown.dimensionSets[0] ?? {}).length === 0 &&
    options.limit === undefined;
  return { records, complete };
}

/** Every record in the retention window: how a table's columns are learned. */
export async function scanTable(
  store: TelemetryStore,
  table: TableRef,
  window: { from: bigint; to: bigint },
  maxRecords: number,
): Promise<TelemetryRecord[]> {
  const records = await storeQuery(store, table, { ...window, limit: maxRecords + 1 });
  if (records.length > maxRecords) throw tooMany(maxRecords);
  return records;
}

/** Records for one store call: `store.query` with the port's errors mapped to the API's. */
export function storeQuery(
  store: TelemetryStore,
  table: TableRef,
  query: RecordQuery,
): Promise<TelemetryRecord[]> {
  return storeCall(() => store.query(table, query));
}

/** A store call whose errors become the API's: a table the store lacks holds nothing. */
export async function storeCall<T>(call: () => Promise<T[]>): Promise<T[]> {
  try {
    return await call();
  } catch (error) {
    // The catalog says the table exists; a store that has not created it yet holds no records.
    if (error instanceof TableNotFoundError) return [];
    if (error instanceof StoreUnavailableError) {
      throw new InternalServerException(
        `The storage behind the emulator is unavailable: ${error.message}`,
      );
    }
    throw error;
  }
}

function tooMany(max: number): ValidationException {
  return new ValidationException(
    `Query aborted: it would read more than ${max} records, the windtunnel emulator's limit ` +
      '(narrow the time range or filter on dimensions or measure_name)',
  );
}
