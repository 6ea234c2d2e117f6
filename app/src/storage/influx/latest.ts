import { namedEntries } from '../aggregate.js';
import type { LatestQuery, LatestRow, TableRef } from '../TelemetryStore.js';
import type { InfluxConnection, Series } from './connection.js';
import { checkedResult } from './errors.js';
import { identifier, source } from './influxql.js';
import { VERSION_FIELD } from './mapping.js';
import { encodeName } from './names.js';
import { isFloatField, type MeasurementSchema } from './schema.js';
import { whereOf, type Selection } from './select.js';
import { columnIndex, groupOf } from './series.js';
import { parseRfc3339Nano } from './values.js';

/**
 * `latest` in InfluxQL: one statement, one point per group crosses the wire.
 *
 *   SELECT "_version"::field AS "version", "power_kw"::field AS "m0" FROM "db".."table"
 *   WHERE <range and filters> GROUP BY "turbine_id" ORDER BY time DESC LIMIT 1
 *
 * LIMIT applies to each series of a GROUP BY, so each group gives its newest point. `last()`
 * would not do: it takes each field's own last value, an older record's where the newest lacks
 * it. `_version`, which every point has, is selected so that a newest point without any of the
 * requested measures still comes back. `::field` keeps a measure from being read as a tag of the
 * same name. Only measures stored as floats are selected; the others have no DOUBLE value.
 */
export async function latestStored(
  connection: InfluxConnection,
  schema: MeasurementSchema,
  table: TableRef,
  query: LatestQuery,
  selection: Selection,
): Promise<LatestRow[]> {
  const { statement, aliases } = buildLatest(table, schema, query, selection);
  const [result] = await connection.query(statement, table.database);
  const series = checkedResult(result, 'latest')?.series ?? [];
  return series.flatMap((s) => rowOf(s, query, aliases));
}

/** The statement, and the column alias of each requested measure it selects. */
export function buildLatest(
  table: TableRef,
  schema: MeasurementSchema,
  query: LatestQuery,
  selection: Selection,
): { statement: string; aliases: Map<string, string> } {
  const aliases = new Map<string, string>();
  for (const m of query.measures) {
    if (!aliases.has(m) && isFloatField(schema, m, 'latest')) aliases.set(m, `m${aliases.size}`);
  }
  const columns = [`${identifier(VERSION_FIELD)}::field AS "version"`];
  for (const [m, alias] of aliases) {
    columns.push(`${identifier(encodeName(m))}::field AS ${identifier(alias)}`);
  }
  const tags = query.groupBy.map((g) => identifier(encodeName(g)));
  const statement =
    `SELECT ${columns.join(', ')} FROM ${source(table.database, encodeName(table.table))}` +
    ` WHERE ${whereOf(selection)} GROUP BY ${tags.join(', ')} ORDER BY time DESC LIMIT 1`;
  return { statement, aliases };
}

function rowOf(series: Series, query: LatestQuery, aliases: Map<string, string>): LatestRow[] {
  const [values] = series.values ?? [];
  if (!values) return [];
  const at = columnIndex(series);
  const value = (measure: string): number | null => {
    const alias = aliases.get(measure);
    const cell = alias === undefined ? null : values[at(alias)];
    return typeof cell === 'number' ? cell : null;
  };
  return [
    {
      group: groupOf(series, query.groupBy),
      time: parseRfc3339Nano(String(values[0])),
      measures: namedEntries(query.measures, (i) => value(query.measures[i] as string)),
    },
  ];
}
