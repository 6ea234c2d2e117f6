import type { TelemetryRecord } from '../../telemetry/record.js';
import type { RecordFilter } from '../TelemetryStore.js';
import { dimensionValue } from './values.js';

/**
 * The port's `RecordFilter` as a test of one record: in `[from, to)`, one of the measure names
 * (when given), every listed dimension equal to its value. Built once per read.
 */
export function recordFilter(filter: RecordFilter): (r: TelemetryRecord) => boolean {
  const wanted = Object.entries(filter.dimensions ?? {});
  const names = filter.measureNames ? new Set(filter.measureNames) : undefined;
  return (r) => {
    if (r.time < filter.from || r.time >= filter.to) return false;
    if (names && !names.has(r.measureName)) return false;
    for (const [name, value] of wanted) if (dimensionValue(r, name) !== value) return false;
    return true;
  };
}
