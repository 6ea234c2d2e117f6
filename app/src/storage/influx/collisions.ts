import { recordKey, seriesKey, type TelemetryRecord } from '../../telemetry/record.js';
import type { TableRef } from '../TelemetryStore.js';
import type { InfluxConnection } from './connection.js';
import { allEqual, anyOf, identifier, timeLiteral } from './influxql.js';
import { pointTags } from './mapping.js';
import { encodeName } from './names.js';
import type { PlannedWrite } from './plan.js';
import type { SchemaCache } from './schema.js';
import { selectRecords } from './select.js';

/** Series per SELECT when reading what a batch could collide with: keeps statements to ~30 KB. */
export const SERIES_PER_QUERY = 100;

/**
 * The stored records that share an identity (series + time) with a record of the batch, by
 * `recordKey`. One SELECT per `SERIES_PER_QUERY` series, over those series' time range; rows of
 * other series that match the tags (a superset of them) or other times are dropped here.
 */
export async function readCollisions(
  connection: InfluxConnection,
  schemas: SchemaCache,
  table: TableRef,
  records: readonly TelemetryRecord[],
): Promise<Map<string, TelemetryRecord>> {
  const wanted = new Set(records.map(recordKey));
  const bySeries = new Map<string, { record: TelemetryRecord; from: bigint; to: bigint }>();
  for (const record of records) {
    const key = seriesKey(record);
    const seen = bySeries.get(key);
    if (!seen) bySeries.set(key, { record, from: record.time, to: record.time });
    else if (record.time < seen.from) seen.from = record.time;
    else if (record.time > seen.to) seen.to = record.time;
  }
  const series = [...bySeries.values()];
  const found = new Map<string, TelemetryRecord>();
  for (let i = 0; i < series.length; i += SERIES_PER_QUERY) {
    const group = series.slice(i, i + SERIES_PER_QUERY);
    const stored = await selectRecords(connection, schemas, table, {
      from: group.reduce((min, s) => (s.from < min ? s.from : min), group[0]?.from ?? 0n),
      to: group.reduce((max, s) => (s.to > max ? s.to : max), group[0]?.to ?? 0n) + 1n,
      conditions: [anyOf(group.map((s) => allEqual(Object.entries(pointTags(s.record)))))],
    });
    for (const record of stored) {
      const key = recordKey(record);
      if (wanted.has(key)) found.set(key, record);
    }
  }
  return found;
}

/**
 * `DELETE` statements for the stored points these writes replace. InfluxDB 1.x deletes by tag
 * conditions, which match every series that has those tags; requiring the measurement's other tag
 * keys to be empty narrows it to exactly the record's series.
 */
export function deleteStatements(
  table: TableRef,
  writes: readonly PlannedWrite[],
  tagKeys: ReadonlySet<string>,
): string[] {
  return writes.map(({ record }) => {
    const tags = pointTags(record);
    const absent = [...tagKeys].filter((k) => !(k in tags)).map((k): [string, string] => [k, '']);
    const match = allEqual([...Object.entries(tags), ...absent]);
    return (
      `DELETE FROM ${identifier(encodeName(table.table))}` +
      ` WHERE time = ${timeLiteral(record.time)} AND ${match}`
    );
  });
}
