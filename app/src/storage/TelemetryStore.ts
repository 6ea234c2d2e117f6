import type { TelemetryRecord } from '../telemetry/record.js';

/**
 * The storage port. One interface, three adapters (`InMemoryTelemetryStore`, `InfluxTelemetryStore`,
 * `TimestreamTelemetryStore`), one contract suite (test/contract) that all of them pass.
 *
 * Every call names a `TableRef`, so the same port serves the app (one table) and the Timestream
 * emulator (many databases and tables) without a second storage layer.
 *
 * @example
 * const store: TelemetryStore = new InMemoryTelemetryStore();
 * const table = { database: 'windtunnel', table: 'telemetry' };
 * const result = await store.write(table, records);
 * // result.stored: indexes into `records`; result.rejected: [{ index, code, reason }]
 * const rows = await store.query(table, { from: 0n, to: BigInt(Date.now()) * 1_000_000n });
 */
export interface TelemetryStore {
  /** `memory`, `influx` or `timestream`: shown in logs and `/health`. */
  readonly backend: StorageBackend;
  /**
   * Writes records with Timestream's upsert rules: an identical re-write is accepted without a
   * duplicate, a changed value needs a higher version, each record is accepted or rejected on its own.
   * Throws `StoreUnavailableError` only when nothing could be written; when part of a batch was
   * written before the store became unavailable, those records are in `stored` and the rest are
   * rejected with code `StoreUnavailable`.
   */
  write(table: TableRef, records: readonly TelemetryRecord[]): Promise<WriteResult>;
  /** Records in `[from, to)`, oldest first, filtered by dimensions and measure names. */
  query(table: TableRef, query: RecordQuery): Promise<TelemetryRecord[]>;
  /**
   * Counts, sums, minima and maxima per time bin and group, computed by the database itself
   * (InfluxQL, Timestream SQL), so that a total over a million records never moves them.
   */
  aggregate(table: TableRef, query: AggregateQuery): Promise<AggregateRow[]>;
  /**
   * The newest record of each group, and its DOUBLE measure values: a fleet's last readings,
   * found by the database itself (InfluxQL, Timestream SQL) rather than by reading every record.
   */
  latest(table: TableRef, query: LatestQuery): Promise<LatestRow[]>;
  /** Resolves when the store answers; throws `StoreUnavailableError` otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type StorageBackend = 'memory' | 'influx' | 'timestream';

export interface TableRef {
  database: string;
  table: string;
}

export interface WriteResult {
  /** Indexes (into the array passed to `write`) of records now stored, ascending. */
  stored: number[];
  rejected: RecordRejection[];
}

export type RejectionCode =
  'VersionConflict' | 'TypeConflict' | 'OutOfRetention' | 'InvalidRecord' | 'StoreUnavailable';

export interface RecordRejection {
  index: number;
  code: RejectionCode;
  reason: string;
  /** Set for `VersionConflict`: the version already stored (Timestream's `ExistingVersion`). */
  existingVersion?: bigint;
}

/** Which records a read covers. */
export interface RecordFilter {
  /** Inclusive lower bound, ns since the epoch. */
  from: bigint;
  /** Exclusive upper bound, ns since the epoch. */
  to: bigint;
  /** Every listed dimension must have exactly this value. */
  dimensions?: Record<string, string>;
  /** Any of these measure names (all when absent). */
  measureNames?: string[];
}

export interface RecordQuery extends RecordFilter {
  /** At most this many records (oldest first). */
  limit?: number;
}

/**
 * One row per time bin and combination of `groupBy` values that has at least one record, ordered
 * by bin, then by the `groupBy` values in turn (null first; see `sortGroupedRows`). Empty bins
 * are not returned.
 */
export interface AggregateQuery extends RecordFilter {
  /**
   * Bin width in ns. Bins start at multiples of it since the epoch, as Timestream's
   * `bin(time, width)` does. Absent: no binning, one row per group.
   */
  bin?: bigint;
  /** Dimensions to group by; a record without one of them groups under `null`. */
  groupBy?: string[];
  /**
   * DOUBLE measures to aggregate, by column name: a MULTI measure value's name, or
   * `measure_value::double` for single-measure records. A value of another type is not counted.
   */
  measures?: string[];
  /**
   * The statistics of each measure the caller reads (all when absent). An adapter may compute
   * only these, to spare the database work; one not asked for may come back null.
   */
  stats?: readonly MeasureStat[];
  /** Dimensions whose distinct values (nulls not counted) each row also counts. */
  distinct?: string[];
}

export interface AggregateRow {
  /** Start of the bin, ns; absent when the query has no `bin`. */
  bin?: bigint;
  /** One entry per `groupBy` dimension: its value, or null for records without it. */
  group: Record<string, string | null>;
  /** Records in this bin and group (`count(*)`). */
  records: number;
  /** One entry per requested measure. */
  measures: Record<string, MeasureStats>;
  /** One entry per `distinct` dimension: how many different values it has here. */
  distinct: Record<string, number>;
}

/**
 * One row per combination of `groupBy` values that has at least one record, ordered by those
 * values in turn (null first, as `aggregate` orders its groups).
 *
 * @example
 * await store.latest(table, { from, to, groupBy: ['turbine_id'], measures: ['power_kw'] });
 * // [{ group: { turbine_id: 'NL-0001' }, time: 1732579200000000000n, measures: { power_kw: 1532.5 } }, ...]
 */
export interface LatestQuery extends RecordFilter {
  /** Dimensions to group by (at least one); a record without one of them groups under `null`. */
  groupBy: string[];
  /**
   * DOUBLE measures to return, named as in `AggregateQuery.measures`: a MULTI measure value's
   * name, or `measure_value::double` for single-measure records.
   */
  measures: string[];
}

export interface LatestRow {
  /** One entry per `groupBy` dimension: its value, or null for records without it. */
  group: Record<string, string | null>;
  /**
   * Time of the group's newest record (matching the filter), ns. When several records share that
   * time, which of them the row shows is not defined (Timestream's `max_by` may even take each
   * measure from a different one).
   */
  time: bigint;
  /**
   * That record's value of each requested measure; null when it has no DOUBLE value by that name,
   * even if an older record of the group has one.
   */
  measures: Record<string, number | null>;
}

export type MeasureStat = 'count' | 'sum' | 'min' | 'max';

/**
 * Over the records that have the measure as a DOUBLE; min, max and sum are null when count is 0.
 * A statistic left out of `AggregateQuery.stats` may be null too.
 */
export interface MeasureStats {
  count: number | null;
  sum: number | null;
  min: number | null;
  max: number | null;
}

/** Base of every error the port throws. Adapters translate driver errors into these. */
export class StorageError extends Error {
  override readonly name: string = 'StorageError';
}

/** The store cannot be reached or did not answer in time: retryable. */
export class StoreUnavailableError extends StorageError {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    /** Seconds a caller should wait before retrying. */
    readonly retryAfterSeconds = 5,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The database or table does not exist (and the adapter does not create it). */
export class TableNotFoundError extends StorageError {
  override readonly name = 'TableNotFoundError';
}
