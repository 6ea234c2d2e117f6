import type { WireRecord } from '../../../app/src/telemetry/record.js';
import type { CurveName } from './power/curves.js';
import type { HubHeightLaw } from './power/hubHeight.js';
import { projectPower, type ProjectPower } from './power/model.js';
import type { Project, ReadingSource } from './types.js';
import type { WeatherProvider, WindSample } from './weather/WeatherProvider.js';

export interface ReadingSourceOptions {
  weather: WeatherProvider;
  curve: CurveName;
  hubHeight: HubHeightLaw;
}

/** Every reading is one MULTI record with this measure name (its measures are the columns). */
export const READING_MEASURE_NAME = 'reading';

/**
 * What each project measures: the weather at its place, carried to its hub height, through the
 * chosen power curve, as ONE Timestream MULTI record per project per instant, in the exact
 * WriteRecords shape the API takes (app/src/telemetry/record.ts `WireRecord`).
 *
 * @example
 * const source = createReadingSource({ weather: syntheticWeather(1), curve: 'cubic', hubHeight: 'power-law' });
 * const [record] = await source.readingsAt(fleet.projects[0], Date.now());
 */
export function createReadingSource({
  weather,
  curve,
  hubHeight,
}: ReadingSourceOptions): ReadingSource {
  return {
    async readingsAt(project: Project, timeMs: number): Promise<WireRecord[]> {
      const sample = await weather.windAt(project, timeMs);
      const power = projectPower(project, sample.speed10m, { curve, hubHeight });
      return [readingRecord(project, timeMs, sample, power)];
    },
  };
}

/**
 * Dimensions say which project (its id is `turbine_id`: the project is the sending device, as in
 * the original experiment); measures are the project's totals and its weather. Values are strings,
 * as Timestream takes them, rounded to 3 decimals: well below any sensor's precision, and short.
 */
export function readingRecord(
  project: Project,
  timeMs: number,
  sample: WindSample,
  power: ProjectPower,
): WireRecord {
  const dimensions: [string, string | undefined][] = [
    ['turbine_id', project.id],
    ['project', project.name],
    ['municipality', project.municipality],
    ['province', project.province],
    ['brand', project.brand],
    ['model', project.model],
  ];
  const doubles: [string, number | undefined][] = [
    ['power_kw', power.powerKw],
    ['wind_speed_10m', sample.speed10m],
    ['wind_speed_hub', power.windSpeedHub],
    ['wind_direction', sample.directionDeg],
    ['nominal_power_kw', power.nominalPowerKw],
    ['temperature_c', sample.temperatureC],
  ];
  return {
    Dimensions: dimensions
      .filter((d): d is [string, string] => d[1] !== undefined && d[1] !== '')
      .map(([Name, Value]) => ({ Name, Value })),
    MeasureName: READING_MEASURE_NAME,
    MeasureValueType: 'MULTI',
    MeasureValues: [
      ...doubles
        .filter((m): m is [string, number] => m[1] !== undefined && Number.isFinite(m[1]))
        .map(([Name, value]) => ({ Name, Value: decimal(value), Type: 'DOUBLE' })),
      { Name: 'turbines', Value: String(project.turbines), Type: 'BIGINT' },
    ],
    Time: String(Math.round(timeMs)),
    TimeUnit: 'MILLISECONDS',
  };
}

/** 3 decimals, without trailing zeros; never "-0". */
function decimal(value: number): string {
  const rounded = Number(value.toFixed(3));
  return String(rounded === 0 ? 0 : rounded);
}
