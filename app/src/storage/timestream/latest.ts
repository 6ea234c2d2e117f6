import type { Row } from '@aws-sdk/client-timestream-query';
import { namedEntries } from '../aggregate.js';
import { checkLatestQuery } from '../latest.js';
import type { LatestQuery, LatestRow, TableRef } from '../TelemetryStore.js';
import { readGrouped } from './groupedRead.js';
import { buildLatest, latestColumns, type LatestColumns } from './latestSql.js';
import { cellReader } from './parseRows.js';
import type { QueryContext } from './query.js';
import { parseTimestamp } from './time.js';

/** `latest()` of the port: one SELECT ... max_by(...) GROUP BY (latestSql.ts), read by groupedRead.ts. */
export async function latestRecords(
  context: QueryContext,
  table: TableRef,
  query: LatestQuery,
): Promise<LatestRow[]> {
  checkLatestQuery(query);
  return readGrouped(context, table, query, {
    columns: latestColumns,
    sql: buildLatest,
    parse: parseRow,
  });
}

/**
 * Reads the cells in the order `buildLatest` selects them; names not in the SQL are null. A row
 * without a time is the answer of a SELECT without GROUP BY over no records: none.
 */
function parseRow(row: Row, query: LatestQuery, columns: LatestColumns): LatestRow[] {
  const next = cellReader(row);
  const group = new Map(columns.groupBy.map((name) => [name, next()]));
  const time = next();
  if (time === null) return [];
  const values = new Map(columns.measures.map((name) => [name, next()]));
  return [
    {
      group: namedEntries(query.groupBy, (i) => group.get(query.groupBy[i] as string) ?? null),
      time: parseTimestamp(time),
      measures: namedEntries(query.measures, (i) => {
        const text = values.get(query.measures[i] as string);
        return text === undefined || text === null ? null : Number(text);
      }),
    },
  ];
}
