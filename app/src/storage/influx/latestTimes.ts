import { seriesKey, type Dimension, type TelemetryRecord } from '../../telemetry/record.js';
import type { TableRef } from '../TelemetryStore.js';
import type { InfluxConnection } from './connection.js';
import { isDatabaseNotFound, toStorageError } from './errors.js';
import { identifier, MAX_TIME_NS, MIN_TIME_NS, source, timeLiteral } from './influxql.js';
import { MEASURE_NAME_TAG, VERSION_FIELD } from './mapping.js';
import { decodeName, encodeName } from './names.js';
import { parseRfc3339Nano } from './values.js';

/**
 * The latest time stored in each series of a measurement, as far as this process knows: read once
 * per measurement with one `SELECT last("_version") ... GROUP BY *`, then raised by every write
 * this process attempts (before it is sent, so a write that times out but lands is covered).
 * A record later than its series' latest time cannot collide with a stored point, so the upsert
 * check needs no read for it: telemetry, which mostly arrives in time order, skips the read
 * entirely. A record at or before it is checked against InfluxDB as before.
 *
 * The knowledge holds while this process is the only writer of those series, the same assumption
 * as the lock on record identities (InfluxDB 1.x has no conditional write). A point written by another
 * process after the load, later than anything this process wrote, is not seen: a record of
 * ours at that very time would merge into it instead of being checked. Every store in the
 * process that talks to the same InfluxDB shares one `LatestTimes` (and one lock), so Lambda
 * environments emulated in one process do not race each other.
 */
export class LatestTimes {
  private readonly tables = new Map<string, Promise<Map<string, bigint>>>();

  /** The table's latest time per series key (loaded on first use; a failed load is retried). */
  of(table: TableRef, connection: InfluxConnection): Promise<Map<string, bigint>> {
    const key = JSON.stringify([table.database, table.table]);
    let loaded = this.tables.get(key);
    if (!loaded) {
      loaded = loadLatest(connection, table);
      this.tables.set(key, loaded);
      loaded.catch(() => this.tables.delete(key));
    }
    return loaded;
  }

  /** Whether `record`, of the series `series` (its `seriesKey`), is later than all stored there. */
  static isLater(
    latest: ReadonlyMap<string, bigint>,
    record: TelemetryRecord,
    series: string,
  ): boolean {
    const known = latest.get(series);
    return known === undefined || record.time > known;
  }

  /** Notes records about to be written; `series[i]` is the `seriesKey` of `records[i]`. */
  static raise(
    latest: Map<string, bigint>,
    records: readonly TelemetryRecord[],
    series: readonly string[],
  ): void {
    records.forEach((record, i) => {
      const key = series[i] as string;
      const known = latest.get(key);
      if (known === undefined || record.time > known) latest.set(key, record.time);
    });
  }
}

async function loadLatest(
  connection: InfluxConnection,
  table: TableRef,
): Promise<Map<string, bigint>> {
  const statement =
    `SELECT last(${identifier(VERSION_FIELD)}) FROM ${source(table.database, encodeName(table.table))}` +
    ` WHERE time >= ${timeLiteral(MIN_TIME_NS)} AND time <= ${timeLiteral(MAX_TIME_NS)} GROUP BY *`;
  const [result] = await connection.query(statement, table.database);
  const latest = new Map<string, bigint>();
  if (result?.error) {
    if (isDatabaseNotFound(result.error)) return latest;
    throw toStorageError(new Error(result.error), 'reading the latest times');
  }
  for (const series of result?.series ?? []) {
    const time = series.values?.[0]?.[0];
    if (typeof time !== 'string') continue;
    const dimensions: Dimension[] = [];
    let measureName = '';
    for (const [key, value] of Object.entries(series.tags ?? {})) {
      if (key === MEASURE_NAME_TAG) measureName = decodeName(value);
      else if (value !== '') dimensions.push({ name: decodeName(key), value: decodeName(value) });
    }
    dimensions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    latest.set(seriesKey({ dimensions, measureName }), parseRfc3339Nano(time));
  }
  return latest;
}
