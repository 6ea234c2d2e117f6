import type { Row } from '@aws-sdk/client-timestream-query';
import { checkAggregateQuery, namedEntries } from '../aggregate.js';
import type { AggregateQuery, AggregateRow, MeasureStats, TableRef } from '../TelemetryStore.js';
import { aggregateColumns, buildAggregate, type AggregateColumns } from './aggregateSql.js';
import { readGrouped } from './groupedRead.js';
import { cellReader } from './parseRows.js';
import type { QueryContext } from './query.js';
import { parseTimestamp } from './time.js';

/** `aggregate()` of the port: one SELECT ... GROUP BY (aggregateSql.ts), read by groupedRead.ts. */
export async function aggregateRecords(
  context: QueryContext,
  table: TableRef,
  query: AggregateQuery,
): Promise<AggregateRow[]> {
  checkAggregateQuery(query);
  return readGrouped(context, table, query, {
    columns: aggregateColumns,
    sql: buildAggregate,
    parse: parseRow,
  });
}

/**
 * Reads the cells in the order `buildAggregate` selects them; names not in the SQL get defaults.
 * Without GROUP BY, SQL answers one row even over no records; the port answers none.
 */
function parseRow(row: Row, query: AggregateQuery, columns: AggregateColumns): AggregateRow[] {
  const next = cellReader(row);
  const bin = columns.bin === undefined ? undefined : parseTimestamp(next() ?? '');
  const group = new Map(columns.groupBy.map((name) => [name, next()]));
  const records = Number(next() ?? 0);
  const stats = new Map(columns.measures.map((name) => [name, measureStats(next, columns)]));
  const distinct = new Map(columns.distinct.map((name) => [name, Number(next() ?? 0)]));
  const aggregateRow: AggregateRow = {
    group: byName(query.groupBy, (name) => group.get(name) ?? null),
    records,
    measures: byName(query.measures, (name) => stats.get(name) ?? noValues()),
    distinct: byName(query.distinct, (name) => distinct.get(name) ?? 0),
  };
  if (records === 0) return [];
  if (bin !== undefined) return [{ bin, ...aggregateRow }];
  // A bin wider than any timestamp: every record is in the bin at 0 (aggregateSql.ts).
  return [query.bin === undefined ? aggregateRow : { bin: 0n, ...aggregateRow }];
}

function byName<T>(names: readonly string[] = [], value: (name: string) => T): Record<string, T> {
  return namedEntries(names, (i) => value(names[i] as string));
}

/** The selected statistics of one measure, in `columns.stats` order; the others are null. */
function measureStats(next: () => string | null, columns: AggregateColumns): MeasureStats {
  const stats: MeasureStats = { count: null, sum: null, min: null, max: null };
  for (const stat of columns.stats) {
    const text = next();
    stats[stat] = text === null ? (stat === 'count' ? 0 : null) : Number(text);
  }
  return stats;
}

/** A measure that is not a DOUBLE column of the table: no value counts. */
function noValues(): MeasureStats {
  return { count: 0, sum: null, min: null, max: null };
}
