import { seriesKey, type TelemetryRecord } from '../telemetry/record.js';

/** The port's read order: by time, then by series, so every adapter returns the same sequence. */
export function byTimeThenSeries(a: TelemetryRecord, b: TelemetryRecord): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  const sa = seriesKey(a);
  const sb = seriesKey(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * Sorts into the port's read order, computing each series key once instead of once per
 * comparison: a million records would otherwise spend most of their time in JSON.stringify.
 */
export function sortByTimeThenSeries(records: TelemetryRecord[]): TelemetryRecord[] {
  const keyed = records.map((record) => ({ record, key: seriesKey(record) }));
  keyed.sort((a, b) => {
    if (a.record.time !== b.record.time) return a.record.time < b.record.time ? -1 : 1;
    return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  });
  return keyed.map((k) => k.record);
}
