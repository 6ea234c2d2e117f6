import type { LatestQuery, TableRef } from '../TelemetryStore.js';
import { dimensionColumns, doubleColumns } from './columns.js';
import type { TableSchema } from './schema.js';
import { buildWhere, quoteIdentifier, tableName } from './sql.js';

/**
 * The one SELECT behind `latest()`. `max_by(x, time)` is the `x` of the row with the largest
 * `time`, null when that row's `x` is null (Trino's max_by keeps null values, unlike max), so a
 * newest record without a measure gives null and not an older record's value. Of the asked-for
 * names only real columns are named (columns.ts): a group by a dimension no record has is null,
 * and a measure that is not a DOUBLE column has no value. With none of the `groupBy` dimensions
 * in the table there is no GROUP BY: one row, whose `max(time)` is null over no records.
 *
 * @example
 * // group by turbine_id, measures power_kw and measure_value::double:
 * // SELECT "turbine_id", max(time), max_by("power_kw", time), max_by("measure_value::double", time)
 * //   FROM "db"."t" WHERE time >= TIMESTAMP '...' AND time < TIMESTAMP '...' GROUP BY "turbine_id"
 */
export interface LatestColumns {
  groupBy: string[];
  measures: string[];
}

export function latestColumns(query: LatestQuery, schema: TableSchema): LatestColumns {
  return {
    groupBy: dimensionColumns(query.groupBy, schema),
    measures: doubleColumns(query.measures, schema),
  };
}

/**
 * Columns come back in this order: the `groupBy` dimensions, `max(time)`, each measure. Only
 * identifiers made by `quoteIdentifier` and literals made by `buildWhere` are spliced in.
 */
export function buildLatest(table: TableRef, query: LatestQuery, columns: LatestColumns): string {
  const keys = columns.groupBy.map(quoteIdentifier);
  const values = [
    'max(time)',
    ...columns.measures.map((m) => `max_by(${quoteIdentifier(m)}, time)`),
  ];
  const groupBy = keys.length === 0 ? '' : ` GROUP BY ${keys.join(', ')}`;
  return (
    `SELECT ${[...keys, ...values].join(', ')} FROM ${tableName(table)} ` +
    `WHERE ${buildWhere(query)}${groupBy}`
  );
}
