import type { WireRecord } from '../../../app/src/telemetry/record.js';

/**
 * The same telemetry in the two forms the benchmark sends: InfluxDB line protocol for the raw
 * baseline, and Timestream WriteRecords records for the stack. Shaped like the baseline's points
 * (shared/research/performance-baselines.md): tags turbine, project, municipality; fields power
 * and wind speed. Every call gives new timestamps, so no write is a no-op re-write.
 */
export interface Point {
  turbine: string;
  project: string;
  municipality: string;
  powerKw: number;
  windSpeed: number;
  timeMs: number;
}

let clock = Date.now() - 60 * 60_000;
let nextTurbine = 0;
const TURBINES = 770;

/**
 * `n` points of `sender`'s turbine, or, without a sender, of the next `n` turbines in turn: the
 * requests of a fleet come from many devices, so consecutive requests do not all hit one series.
 */
export function points(n: number, sender?: number): Point[] {
  const first = nextTurbine;
  if (sender === undefined) nextTurbine = (nextTurbine + n) % TURBINES;
  return Array.from({ length: n }, (_, i) => {
    const id = sender ?? (first + i) % TURBINES;
    return {
      turbine: `NL-${String(id + 1).padStart(4, '0')}`,
      project: `Windpark ${(id % 97) + 1}`,
      municipality: `Gemeente ${(id % 53) + 1}`,
      powerKw: 1000 + ((id * 37) % 3000) + Math.random(),
      windSpeed: 3 + Math.random() * 12,
      timeMs: clock++,
    };
  });
}

export function lineProtocol(batch: Point[]): string {
  return batch
    .map(
      (p) =>
        `telemetry,municipality=${tag(p.municipality)},project=${tag(p.project)},turbine_id=${p.turbine} ` +
        `power_kw=${p.powerKw},wind_speed=${p.windSpeed} ${p.timeMs}`,
    )
    .join('\n');
}

export function records(batch: Point[]): WireRecord[] {
  return batch.map((p) => ({
    Dimensions: [
      { Name: 'turbine_id', Value: p.turbine },
      { Name: 'project', Value: p.project },
      { Name: 'municipality', Value: p.municipality },
    ],
    MeasureName: 'reading',
    MeasureValueType: 'MULTI',
    MeasureValues: [
      { Name: 'power_kw', Value: String(p.powerKw), Type: 'DOUBLE' },
      { Name: 'wind_speed', Value: String(p.windSpeed), Type: 'DOUBLE' },
    ],
    Time: String(p.timeMs),
    TimeUnit: 'MILLISECONDS',
  }));
}

function tag(value: string): string {
  return value.replace(/[ ,=]/g, (c) => `\\${c}`);
}
