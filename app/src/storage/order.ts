import { seriesKey, type TelemetryRecord } from '../telemetry/record.js';

/** The port's read order: by time, then by series, so every adapter returns the same sequence. */
export function byTimeThenSeries(a: TelemetryRecord, b: TelemetryRecord): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  const sa = seriesKey(a);
  const sb = seriesKey(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
