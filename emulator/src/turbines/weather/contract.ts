import { describe, expect, it } from 'vitest';
import { generateFleet } from '../fleet/generateFleet.js';
import type { WeatherProvider } from './WeatherProvider.js';

/**
 * What every WeatherProvider must do, run once per adapter (the synthetic field, OpenWeatherMap
 * against its fake): answer every project of a fleet with a finite, non-negative 10 m wind speed,
 * a direction in [0, 360) and, when present, a plausible temperature.
 */
export function weatherProviderContract(
  name: string,
  make: () => WeatherProvider | Promise<WeatherProvider>,
): void {
  describe(`${name} (WeatherProvider contract)`, () => {
    const fleet = generateFleet({ seed: 12, projects: 40 });

    it('answers every project with a usable wind sample', async () => {
      const weather = await make();
      const t = Date.UTC(2024, 5, 1, 12);
      for (const project of fleet.projects) {
        const sample = await weather.windAt(project, t);
        expect(Number.isFinite(sample.speed10m), project.id).toBe(true);
        expect(sample.speed10m).toBeGreaterThanOrEqual(0);
        expect(sample.speed10m).toBeLessThan(60);
        expect(sample.directionDeg).toBeGreaterThanOrEqual(0);
        expect(sample.directionDeg).toBeLessThan(360);
        if (sample.temperatureC !== undefined) {
          expect(sample.temperatureC).toBeGreaterThan(-40);
          expect(sample.temperatureC).toBeLessThan(50);
        }
      }
    });
  });
}
