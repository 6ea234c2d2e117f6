import type { AggregateQuery, MeasureStat, TableRef } from '../TelemetryStore.js';
import { dimensionColumns, doubleColumns } from './columns.js';
import type { TableSchema } from './schema.js';
import { buildWhere, quoteIdentifier, tableName } from './sql.js';
import { MAX_TIMESTAMP_NS } from './time.js';

/**
 * The one SELECT behind `aggregate()`, and which of the asked-for names it can name (columns.ts):
 * dimensions to group by and count distinct values of, DOUBLE measure columns to aggregate. The
 * others need no SQL to be answered: a group by a dimension no record has is null,
 * a distinct count of it 0, and a measure that is not a DOUBLE column has no DOUBLE value
 * (count 0, sum, min and max null).
 *
 * @example
 * // bin 10 min, group by turbine_id, measure power_kw, distinct project:
 * // SELECT bin(time, 10m), "turbine_id", count(*), count("power_kw"), sum("power_kw"),
 * //   min("power_kw"), max("power_kw"), count(DISTINCT "project") FROM "db"."t"
 * //   WHERE time >= TIMESTAMP '...' AND time < TIMESTAMP '...' GROUP BY bin(time, 10m), "turbine_id"
 */
export interface AggregateColumns {
  /** Width for `bin()`; absent when the query has no bin or every record falls in bin 0. */
  bin?: bigint;
  groupBy: string[];
  measures: string[];
  stats: MeasureStat[];
  distinct: string[];
}

const ALL_STATS: readonly MeasureStat[] = ['count', 'sum', 'min', 'max'];

export function aggregateColumns(query: AggregateQuery, schema: TableSchema): AggregateColumns {
  const wanted = new Set(query.stats ?? ALL_STATS);
  return {
    // A width past the last timestamp puts every record in the bin at 0, and would overflow
    // Timestream's interval type: no bin() is sent then (see aggregate.ts).
    ...(query.bin !== undefined && query.bin <= MAX_TIMESTAMP_NS ? { bin: query.bin } : {}),
    groupBy: dimensionColumns(query.groupBy ?? [], schema),
    measures: doubleColumns(query.measures ?? [], schema),
    stats: ALL_STATS.filter((s) => wanted.has(s)),
    distinct: dimensionColumns(query.distinct ?? [], schema),
  };
}

/**
 * Columns come back in this order: the bin (if any), the `groupBy` dimensions, `count(*)`, the
 * chosen statistics of each measure, the distinct counts. Only identifiers made by
 * `quoteIdentifier` and literals made by `buildWhere` are spliced in.
 */
export function buildAggregate(
  table: TableRef,
  query: AggregateQuery,
  columns: AggregateColumns,
): string {
  const keys = [
    ...(columns.bin === undefined ? [] : [`bin(time, ${intervalLiteral(columns.bin)})`]),
    ...columns.groupBy.map(quoteIdentifier),
  ];
  const aggregates = [
    'count(*)',
    ...columns.measures.flatMap((m) => columns.stats.map((s) => `${s}(${quoteIdentifier(m)})`)),
    ...columns.distinct.map((d) => `count(DISTINCT ${quoteIdentifier(d)})`),
  ];
  const groupBy = keys.length === 0 ? '' : ` GROUP BY ${keys.join(', ')}`;
  return (
    `SELECT ${[...keys, ...aggregates].join(', ')} FROM ${tableName(table)} ` +
    `WHERE ${buildWhere(query)}${groupBy}`
  );
}

const UNITS: [string, bigint][] = [
  ['d', 86_400_000_000_000n],
  ['h', 3_600_000_000_000n],
  ['m', 60_000_000_000n],
  ['s', 1_000_000_000n],
  ['ms', 1_000_000n],
  ['us', 1_000n],
];

/**
 * An interval literal, in the largest unit that holds the width exactly (`10m`, `90s`, `7ns`).
 * Literals are shorthand for `parse_duration`, whose units for `interval day to second` include
 * ns, us, ms, s, m, h and d (Timestream date-time-functions.html, "Interval and duration").
 */
export function intervalLiteral(ns: bigint): string {
  for (const [unit, size] of UNITS) if (ns % size === 0n) return `${ns / size}${unit}`;
  return `${ns}ns`;
}
