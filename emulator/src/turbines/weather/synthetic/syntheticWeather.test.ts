import { describe, expect, it } from 'vitest';
import { generateFleet } from '../../fleet/generateFleet.js';
import { weatherProviderContract } from '../contract.js';
import { createSyntheticField, syntheticWeather } from './syntheticWeather.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 1);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const UTRECHT = [52.09, 5.108] as const;
const IJMUIDEN = [52.46, 4.6] as const;

weatherProviderContract('syntheticWeather', () => syntheticWeather(1));

describe('syntheticWeather', () => {
  const at = createSyntheticField(1);

  it('is a pure function of seed, place and time', async () => {
    const project = generateFleet({ seed: 1, projects: 1 }).projects[0]!;
    const t = T0 + 12_345_678;
    const a = await syntheticWeather(1).windAt(project, t);
    expect(await syntheticWeather(1).windAt(project, t)).toEqual(a);
    expect(createSyntheticField(1)(project.latitude, project.longitude, t)).toEqual(a);
    expect((await syntheticWeather(2).windAt(project, t)).speed10m).not.toBe(a.speed10m);
  });

  it('gives plausible Dutch 10 m winds over a day and over the fleet', () => {
    const fleet = generateFleet({ seed: 1 });
    const speeds = fleet.projects.flatMap((p) =>
      Array.from(
        { length: 24 },
        (_, h) => at(p.latitude, p.longitude, T0 + 40 * DAY + h * HOUR).speed10m,
      ),
    );
    expect(Math.min(...speeds)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...speeds)).toBeLessThan(35);
    expect(Math.max(...speeds) - Math.min(...speeds)).toBeGreaterThan(2);
  });

  it('averages about 5 m/s inland and more at the coast, Weibull-like, over three years', () => {
    const hourly = (lat: number, lon: number): number[] =>
      Array.from({ length: 3 * 365 * 24 }, (_, h) => at(lat, lon, T0 + h * HOUR).speed10m);
    const inland = hourly(...UTRECHT);
    const coast = hourly(...IJMUIDEN);
    expect(mean(inland)).toBeGreaterThan(4.5);
    expect(mean(inland)).toBeLessThan(6);
    expect(mean(coast)).toBeGreaterThan(mean(inland) + 1);
    expect(mean(coast)).toBeLessThan(7.5);
    // Weibull k = 2: about 9 % of hours below 1.5 m/s inland, a long tail of strong wind, few storms.
    const calm = inland.filter((v) => v < 1.5).length / inland.length;
    expect(calm).toBeGreaterThan(0.03);
    expect(calm).toBeLessThan(0.15);
    expect(coast.filter((v) => v > 13.9).length / coast.length).toBeGreaterThan(0.01); // Bft 7+
    expect(coast.filter((v) => v > 24.5).length / coast.length).toBeLessThan(0.001); // Bft 10+
  });

  it('makes nearby places more alike than far ones', () => {
    let near = 0;
    let far = 0;
    for (let i = 0; i < 500; i++) {
      const t = T0 + i * 7.3 * HOUR;
      near += Math.abs(at(52.5, 5.7, t).speed10m - at(52.55, 5.76, t).speed10m); // 6 km apart
      far += Math.abs(at(51.3, 3.8, t).speed10m - at(53.3, 6.9, t).speed10m); // Zeeland - Groningen
    }
    expect(near * 3).toBeLessThan(far);
  });

  it('changes little from one second to the next, and more over hours', () => {
    let maxStep = 0;
    let hourly = 0;
    for (let i = 0; i < 2_000; i++) {
      const t = T0 + i * 4.1 * HOUR;
      const now = at(...UTRECHT, t).speed10m;
      maxStep = Math.max(maxStep, Math.abs(at(...UTRECHT, t + 1000).speed10m - now));
      hourly += Math.abs(at(...UTRECHT, t + 6 * HOUR).speed10m - now);
    }
    expect(maxStep).toBeLessThan(0.05);
    expect(hourly / 2_000).toBeGreaterThan(1);
  });

  it('blows harder in the afternoon than at night inland, and the cycle is weaker at the coast', () => {
    const at1 = (lat: number, lon: number, hourUtc: number): number =>
      mean(
        Array.from({ length: 365 }, (_, d) => at(lat, lon, T0 + d * DAY + hourUtc * HOUR).speed10m),
      );
    const inlandRatio = at1(...UTRECHT, 13) / at1(...UTRECHT, 1);
    const coastRatio = at1(...IJMUIDEN, 13) / at1(...IJMUIDEN, 1);
    expect(inlandRatio).toBeGreaterThan(1.2);
    expect(coastRatio).toBeLessThan(inlandRatio);
  });

  it('mostly blows from the south-west', () => {
    const dirs = Array.from(
      { length: 2_000 },
      (_, i) => at(...UTRECHT, T0 + i * 5 * HOUR).directionDeg,
    );
    const southWest = dirs.filter((d) => d >= 180 && d <= 270).length / dirs.length;
    const northEast = dirs.filter((d) => d >= 0 && d <= 90).length / dirs.length;
    expect(southWest).toBeGreaterThan(northEast);
    expect(Math.min(...dirs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...dirs)).toBeLessThan(360);
  });

  it('is colder in January than in July', () => {
    const monthMean = (month: number): number =>
      mean(
        Array.from(
          { length: 30 * 24 },
          (_, h) => at(...UTRECHT, Date.UTC(2024, month, 1) + h * HOUR).temperatureC ?? NaN,
        ),
      );
    expect(monthMean(0)).toBeLessThan(7);
    expect(monthMean(6)).toBeGreaterThan(14);
  });
});
