import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../../app/src/telemetry/validate.js';
import { generateFleet } from './fleet/generateFleet.js';
import { projectPower } from './power/model.js';
import { createReadingSource, readingRecord } from './readings.js';
import type { Project } from './types.js';
import type { WeatherProvider } from './weather/WeatherProvider.js';
import { syntheticWeather } from './weather/synthetic/syntheticWeather.js';

const T = Date.UTC(2024, 10, 17, 14, 0, 0, 123);
const NOW_NS = BigInt(T) * 1_000_000n;
const PARK: Project = {
  id: 'NL-0042',
  name: 'Windpark Urk 1',
  municipality: 'Urk',
  province: 'Flevoland',
  latitude: 52.66,
  longitude: 5.6,
  turbines: 4,
  nominalPowerKw: 3000,
  brand: 'Enercon',
  model: 'E-115',
  hubHeightM: 122,
};
const steady = (speed10m: number, temperatureC?: number): WeatherProvider => ({
  windAt: () =>
    Promise.resolve({
      speed10m,
      directionDeg: 247.25,
      ...(temperatureC === undefined ? {} : { temperatureC }),
    }),
});

describe('createReadingSource', () => {
  it('produces one MULTI record per project per instant, in the WriteRecords shape', async () => {
    const source = createReadingSource({
      weather: steady(6, 7.5),
      curve: 'cubic',
      hubHeight: 'power-law',
    });
    const records = await source.readingsAt(PARK, T);
    const power = projectPower(PARK, 6, { curve: 'cubic', hubHeight: 'power-law' });
    expect(records).toEqual([
      {
        Dimensions: [
          { Name: 'turbine_id', Value: 'NL-0042' },
          { Name: 'project', Value: 'Windpark Urk 1' },
          { Name: 'municipality', Value: 'Urk' },
          { Name: 'province', Value: 'Flevoland' },
          { Name: 'brand', Value: 'Enercon' },
          { Name: 'model', Value: 'E-115' },
        ],
        MeasureName: 'reading',
        MeasureValueType: 'MULTI',
        MeasureValues: [
          { Name: 'power_kw', Value: String(Number(power.powerKw.toFixed(3))), Type: 'DOUBLE' },
          { Name: 'wind_speed_10m', Value: '6', Type: 'DOUBLE' },
          {
            Name: 'wind_speed_hub',
            Value: String(Number(power.windSpeedHub.toFixed(3))),
            Type: 'DOUBLE',
          },
          { Name: 'wind_direction', Value: '247.25', Type: 'DOUBLE' },
          { Name: 'nominal_power_kw', Value: '12000', Type: 'DOUBLE' },
          { Name: 'temperature_c', Value: '7.5', Type: 'DOUBLE' },
          { Name: 'turbines', Value: '4', Type: 'BIGINT' },
        ],
        Time: String(T),
        TimeUnit: 'MILLISECONDS',
      },
    ]);
  });

  it('rounds to at most 3 decimals and writes the project total, not one turbine', async () => {
    const [record] = await createReadingSource({
      weather: steady(7.123456),
      curve: 'original',
      hubHeight: 'none',
    }).readingsAt(PARK, T);
    const values = Object.fromEntries((record?.MeasureValues ?? []).map((m) => [m.Name, m.Value]));
    expect(values.wind_speed_10m).toBe('7.123');
    expect(values.wind_speed_hub).toBe('7.123');
    expect(values.power_kw).toBe(String(Number(((4 * 3000 * (7.123456 - 4)) / 7).toFixed(3))));
    for (const v of Object.values(values)) expect(String(v)).toMatch(/^-?\d+(\.\d{1,3})?$/);
  });

  it('leaves out the province and the temperature when they are not known', () => {
    const noProvince: Project = { ...PARK, province: undefined };
    const record = readingRecord(
      noProvince,
      T,
      { speed10m: 3, directionDeg: 0 },
      projectPower(noProvince, 3, { curve: 'cubic', hubHeight: 'none' }),
    );
    expect(record.Dimensions?.map((d) => d.Name)).toEqual([
      'turbine_id',
      'project',
      'municipality',
      'brand',
      'model',
    ]);
    expect(record.MeasureValues?.map((m) => m.Name)).not.toContain('temperature_c');
    expect(record.MeasureValues?.find((m) => m.Name === 'power_kw')?.Value).toBe('0');
  });

  it("passes the API's validation for every project of the fleet, under every model", async () => {
    const fleet = generateFleet({ seed: 1 });
    const weather = syntheticWeather(1);
    for (const [curve, hubHeight] of [
      ['original', 'none'],
      ['cubic', 'power-law'],
      ['cubic', 'log-law'],
    ] as const) {
      const source = createReadingSource({ weather, curve, hubHeight });
      for (const project of fleet.projects) {
        for (const [record] of [
          await source.readingsAt(project, T),
          await source.readingsAt(project, T + 3_600_000),
        ]) {
          const result = validateRecord(record, undefined, NOW_NS + 3_600_000_000_000n);
          if (!result.ok)
            throw new Error(`${project.id} ${curve}/${hubHeight}: ${JSON.stringify(result.error)}`);
          expect(result.record.measure.kind).toBe('multi');
        }
      }
    }
  });

  it('gives the same reading for the same project and instant, in every process', async () => {
    const project = generateFleet({ seed: 9, projects: 1 }).projects[0]!;
    const make = () =>
      createReadingSource({ weather: syntheticWeather(9), curve: 'cubic', hubHeight: 'power-law' });
    expect(await make().readingsAt(project, T)).toEqual(await make().readingsAt(project, T));
  });
});
