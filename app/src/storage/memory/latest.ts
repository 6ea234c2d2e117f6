import type { TelemetryRecord } from '../../telemetry/record.js';
import { namedEntries, sortGroupedRows } from '../aggregate.js';
import type { LatestQuery, LatestRow } from '../TelemetryStore.js';
import { recordFilter } from './filter.js';
import { GroupTree } from './groupTree.js';
import { doubleValue } from './values.js';

/**
 * `latest()` over records held in memory: one pass that keeps, per group, the newest matching
 * record seen so far (the first one held, of records sharing a time). Values are read only from
 * the records kept, once the pass is done.
 *
 * @example
 * latestRecords(table.values(), { from, to, groupBy: ['turbine_id'], measures: ['power_kw'] });
 */
export function latestRecords(records: Iterable<TelemetryRecord>, query: LatestQuery): LatestRow[] {
  if (query.to <= query.from || query.measureNames?.length === 0) return [];
  const matches = recordFilter(query);
  const found: Newest[] = [];
  const groups = new GroupTree<Newest>(query.groupBy, (group) => {
    const newest: Newest = { group };
    found.push(newest);
    return newest;
  });
  for (const r of records) {
    if (!matches(r)) continue;
    const newest = groups.of(r);
    if (newest.record === undefined || r.time > newest.record.time) newest.record = r;
  }
  return sortGroupedRows(
    found.map(({ group, record }) => toRow(group, record as TelemetryRecord, query)),
    query.groupBy,
  );
}

interface Newest {
  group: (string | null)[];
  record?: TelemetryRecord;
}

function toRow(group: (string | null)[], record: TelemetryRecord, query: LatestQuery): LatestRow {
  return {
    group: namedEntries(query.groupBy, (i) => group[i] ?? null),
    time: record.time,
    measures: namedEntries(
      query.measures,
      (i) => doubleValue(record, query.measures[i] as string) ?? null,
    ),
  };
}
