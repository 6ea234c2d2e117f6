import { StorageError, type LatestQuery } from './TelemetryStore.js';

/**
 * The check every adapter's `latest` makes first. Rows, their order and the objects in them are
 * made as for `aggregate` (aggregate.ts: `sortGroupedRows`, `namedEntries`).
 */

/** Refuses what no adapter can answer: no dimension to group by (one row for the whole table). */
export function checkLatestQuery(query: LatestQuery): void {
  if (!Array.isArray(query.groupBy) || query.groupBy.length === 0) {
    throw new StorageError('latest: groupBy must name at least one dimension');
  }
  if (!Array.isArray(query.measures)) {
    throw new StorageError('latest: measures must be a list of measure names');
  }
}
