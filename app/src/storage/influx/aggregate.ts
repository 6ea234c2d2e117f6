import { binStart } from '../aggregate.js';
import type {
  AggregateQuery,
  AggregateRow,
  MeasureStat,
  MeasureStats,
  TableRef,
} from '../TelemetryStore.js';
import type { InfluxConnection } from './connection.js';
import { checkedResult } from './errors.js';
import { identifier, source, timeLiteral } from './influxql.js';
import { VERSION_FIELD } from './mapping.js';
import { encodeName } from './names.js';
import { isFloatField, type MeasurementSchema } from './schema.js';
import { whereOf, type Selection } from './select.js';
import { columnIndex, groupOf } from './series.js';
import { parseRfc3339Nano } from './values.js';

/**
 * `aggregate` in InfluxQL: InfluxDB does the counting and summing, and only one row per bin and
 * group crosses the wire.
 *
 * - counts, sums, minima and maxima: one statement,
 *   `SELECT count("_version"), count(m), sum(m), min(m), max(m) ... GROUP BY time(<bin>ns), <tags>`
 *   (every point has `_version`, so its count is the number of records);
 * - each distinct count: a statement with a subquery that groups by that tag too and counts the
 *   groups (`"d" != ''` leaves out points without the tag; InfluxQL has no count of distinct tag
 *   values in 1.6).
 * GROUP BY time buckets start at multiples of the width since the epoch, as Timestream's bin()
 * does, and `fill(none)` leaves out empty ones. A measure counts only where it is a float field;
 * a field that is a float in some shards and something else in others is refused.
 */
export async function aggregateStored(
  connection: InfluxConnection,
  schema: MeasurementSchema,
  table: TableRef,
  query: AggregateQuery,
  selection: Selection,
): Promise<AggregateRow[]> {
  const groupBy = query.groupBy ?? [];
  const measures = query.measures ?? [];
  const distinct = query.distinct ?? [];
  const floats = measures.filter((m) => isFloatField(schema, m, 'aggregate'));
  const where = whereOf(selection);
  const from = source(table.database, encodeName(table.table));
  const tags = groupBy.map((g) => identifier(encodeName(g)));
  const grouping = (extra: string[] = []) => {
    const by = [...(query.bin === undefined ? [] : [`time(${query.bin}ns)`]), ...tags, ...extra];
    return by.length === 0 ? '' : ` GROUP BY ${by.join(', ')}`;
  };
  const fill = query.bin === undefined ? '' : ' fill(none)';

  // Each function is a pass over the points in InfluxDB: only those asked for.
  const wanted = query.stats ?? STATS;
  const columns = [`count(${identifier(VERSION_FIELD)}) AS "records"`];
  floats.forEach((m, i) => {
    const f = identifier(encodeName(m));
    for (const stat of wanted) columns.push(`${stat}(${f}) AS "${stat}${i}"`);
  });
  const statements = [
    `SELECT ${columns.join(', ')} FROM ${from} WHERE ${where}${grouping()}${fill}`,
  ];
  for (const d of distinct) {
    const tag = identifier(encodeName(d));
    const inner =
      `SELECT first(${identifier(VERSION_FIELD)}) AS "n" FROM ${from}` +
      ` WHERE ${where} AND ${tag} != ''${grouping([tag])}${fill}`;
    statements.push(
      `SELECT count("n") AS "distinct" FROM (${inner})` +
        ` WHERE time >= ${timeLiteral(selection.from)} AND time < ${timeLiteral(selection.to)}` +
        `${grouping()}${fill}`,
    );
  }

  // One request each: InfluxDB runs the statements of one request one after the other.
  const results = await Promise.all(
    statements.map(async (statement) => (await connection.query(statement, table.database))[0]),
  );
  const [main, ...distinctResults] = results.map((result) => checkedResult(result, 'aggregate'));
  const rows = new Map<string, AggregateRow>();
  for (const series of main?.series ?? []) {
    const at = columnIndex(series);
    for (const values of series.values ?? []) {
      const row: AggregateRow = {
        ...binOf(query, values[0]),
        group: groupOf(series, groupBy),
        records: Number(values[at('records')] ?? 0),
        measures: Object.fromEntries(measures.map((m) => [m, emptyStats()])),
        distinct: Object.fromEntries(distinct.map((d) => [d, 0])),
      };
      floats.forEach((m, i) => {
        const read = (stat: MeasureStat) => {
          const column = at(`${stat}${i}`);
          return column < 0 ? null : Number(values[column] ?? (stat === 'count' ? 0 : NaN));
        };
        const count = read('count');
        const empty = count === 0;
        row.measures[m] = {
          count,
          ...Object.fromEntries(
            (['sum', 'min', 'max'] as const).map((stat) => {
              const value = empty ? null : read(stat);
              return [stat, value === null || Number.isNaN(value) ? null : value];
            }),
          ),
        } as MeasureStats;
      });
      rows.set(rowKey(row, groupBy), row);
    }
  }
  distinctResults.forEach((result, k) => {
    const name = distinct[k] as string;
    for (const series of result?.series ?? []) {
      const at = columnIndex(series);
      for (const values of series.values ?? []) {
        const key = rowKey(
          { ...binOf(query, values[0]), group: groupOf(series, groupBy) },
          groupBy,
        );
        const row = rows.get(key);
        if (row) row.distinct[name] = Number(values[at('distinct')] ?? 0);
      }
    }
  });
  return [...rows.values()];
}

const emptyStats = (): MeasureStats => ({ count: 0, sum: null, min: null, max: null });
const STATS: readonly MeasureStat[] = ['count', 'sum', 'min', 'max'];

function binOf(query: AggregateQuery, time: unknown): { bin?: bigint } {
  if (query.bin === undefined) return {};
  // The bucket's start; binStart only guards against a server that reported the range's start.
  return { bin: binStart(parseRfc3339Nano(String(time)), query.bin) };
}

function rowKey(
  row: { bin?: bigint; group: Record<string, string | null> },
  groupBy: readonly string[],
) {
  return JSON.stringify([row.bin?.toString() ?? null, ...groupBy.map((g) => row.group[g])]);
}
