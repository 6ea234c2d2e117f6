import type { TelemetryStore } from '../../../../app/src/storage/TelemetryStore.js';
import type { CatalogReader } from '../catalogReader.js';

/** What the query engine needs from the server: the records, the catalog and the clock. */
export interface QueryContext {
  store: TelemetryStore;
  catalog: CatalogReader;
  /** ms since the epoch; `now()`, `ago()` and retention are relative to it. */
  now: () => number;
  /** Overrides of DEFAULT_LIMITS (tests use small ones). */
  limits?: Partial<QueryLimits>;
}

export interface QueryLimits {
  /** Records one query may read from the store; more is refused, not run out of memory. */
  maxRecords: number;
  /** A page without MaxRows stops at about this many bytes of JSON (Timestream: 1 MB). */
  pageBytes: number;
  /** Paged results kept for NextToken, and how long (Timestream: a token lives 1 hour). */
  cacheEntries: number;
  cacheRows: number;
  cacheTtlMs: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxRecords: 5_000_000,
  pageBytes: 1_000_000,
  cacheEntries: 100,
  cacheRows: 5_000_000,
  cacheTtlMs: 60 * 60 * 1000,
};
