import type { RecordFilter, RecordQuery, TableRef } from '../TelemetryStore.js';
import { formatTimestamp, MAX_TIMESTAMP_NS } from './time.js';

/**
 * SQL text for the Query API. Timestream's dialect is Trino's (query-language reference), so:
 * identifiers are double-quoted with `"` doubled, string literals single-quoted with `'` doubled,
 * and a backslash is an ordinary character (Trino has no backslash escapes). Nothing else is ever
 * spliced into the text, so no caller-supplied string reaches the SQL unescaped.
 */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A nanosecond-exact bound. We use a `TIMESTAMP '...'` literal (the form the date/time function
 * docs use, e.g. `date(TIMESTAMP '2022-07-07 17:44:43.771000000')`) rather than
 * `from_milliseconds`, which would lose the sub-millisecond part. Out-of-range bounds are clamped
 * to Timestream's range: no record lies before the epoch or after 2262.
 */
export function timestampLiteral(ns: bigint): string {
  const clamped = ns < 0n ? 0n : ns > MAX_TIMESTAMP_NS ? MAX_TIMESTAMP_NS : ns;
  return `TIMESTAMP '${formatTimestamp(clamped)}'`;
}

export function tableName(table: TableRef): string {
  return `${quoteIdentifier(table.database)}.${quoteIdentifier(table.table)}`;
}

/** `DESCRIBE "db"."table"`: one row per column with its type and Timestream attribute type. */
export function buildDescribe(table: TableRef): string {
  return `DESCRIBE ${tableName(table)}`;
}

/**
 * The SELECT behind `query()`. The caller has already checked that the range is not empty, that
 * `measureNames` is not empty when given, and that every filtered dimension exists in the table
 * (Timestream rejects a query naming an unknown column with a ValidationException).
 */
export function buildSelect(table: TableRef, query: RecordQuery): string {
  const limit = query.limit === undefined ? '' : ` LIMIT ${query.limit}`;
  return `SELECT * FROM ${tableName(table)} WHERE ${buildWhere(query)} ORDER BY time ASC${limit}`;
}

/** The conditions of a read: `[from, to)`, each dimension's value, any of the measure names. */
export function buildWhere(filter: RecordFilter): string {
  const conditions = [
    `time >= ${timestampLiteral(filter.from)}`,
    `time < ${timestampLiteral(filter.to)}`,
  ];
  const dimensions = Object.entries(filter.dimensions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [name, value] of dimensions) {
    conditions.push(`${quoteIdentifier(name)} = ${quoteLiteral(value)}`);
  }
  if (filter.measureNames) {
    conditions.push(`measure_name IN (${filter.measureNames.map(quoteLiteral).join(', ')})`);
  }
  return conditions.join(' AND ');
}
