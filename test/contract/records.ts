import type { Measure, TelemetryRecord } from '../../app/src/telemetry/record.js';

/** Records for the contract's sections (aggregate, latest), built the same way in each. */

/** Never written to any table of the suite: Timestream knows no such column. */
export const UNKNOWN = 'never_written_column';

export function multi(values: Record<string, ['DOUBLE' | 'BIGINT', string]>): Measure {
  return {
    kind: 'multi',
    values: Object.entries(values).map(([name, [type, value]]) => ({ name, type, value })),
  };
}

export function double(value: number): Measure {
  return { kind: 'single', type: 'DOUBLE', value: String(value) };
}

const DEFAULT_DIMENSIONS = { project: 'Windpark Noord', turbine_id: 'A' };

export function rec(
  time: bigint,
  measureName: string,
  measure: Measure,
  dimensions: Record<string, string> = DEFAULT_DIMENSIONS,
): TelemetryRecord {
  return {
    dimensions: Object.entries(dimensions)
      .map(([name, value]) => ({ name, value }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    measureName,
    time,
    version: 1n,
    measure,
  };
}

/** A MULTI `reading` with one DOUBLE, `power_kw`. */
export function reading(
  time: bigint,
  kw: number,
  dimensions?: Record<string, string>,
): TelemetryRecord {
  return rec(time, 'reading', multi({ power_kw: ['DOUBLE', String(kw)] }), dimensions);
}
