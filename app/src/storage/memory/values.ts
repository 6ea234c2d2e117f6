import type { TelemetryRecord } from '../../telemetry/record.js';

/**
 * What the in-memory reads (`aggregate`, `latest`) take from a record: a dimension's value and a
 * DOUBLE measure's value, by the column names Timestream's SQL gives them.
 */

const SINGLE_DOUBLE = 'measure_value::double';

/** The record's value of this dimension, or null when it does not have it. */
export function dimensionValue(r: TelemetryRecord, name: string): string | null {
  for (const d of r.dimensions) if (d.name === name) return d.value;
  return null;
}

/** The record's DOUBLE value in this column, if it has one (a value of another type does not count). */
export function doubleValue(r: TelemetryRecord, column: string): number | undefined {
  const m = r.measure;
  if (m.kind === 'single') {
    return column === SINGLE_DOUBLE && m.type === 'DOUBLE' ? Number(m.value) : undefined;
  }
  for (const v of m.values) {
    if (v.name === column) return v.type === 'DOUBLE' ? Number(v.value) : undefined;
  }
  return undefined;
}
