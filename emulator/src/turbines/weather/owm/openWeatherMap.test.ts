import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOwm, type FakeOwm } from '../../../../../test/fixtures/owm/fakeOwm.js';
import { generateFleet } from '../../fleet/generateFleet.js';
import type { Project } from '../../types.js';
import { weatherProviderContract } from '../contract.js';
import { WeatherError } from '../WeatherProvider.js';
import { openWeatherMap, type OpenWeatherMapOptions } from './openWeatherMap.js';
import { cellOf } from './cellCache.js';

const KEY = 'test-key-0123456789';
const NOW = Date.UTC(2024, 10, 26, 12);
const at = (id: string, latitude: number, longitude: number): Project => ({
  id,
  name: id,
  municipality: 'X',
  latitude,
  longitude,
  turbines: 1,
  nominalPowerKw: 3000,
  brand: 'B',
  model: 'M',
  hubHeightM: 100,
});
const DRONTEN = at('NL-1', 52.5234, 5.7171);
const NEAR_DRONTEN = at('NL-2', 52.5101, 5.6822); // same 0.1-degree cell
const NEXT_CELL = at('NL-3', 52.6, 5.7); // about 9 km north
const VENLO = at('NL-4', 51.367, 6.164); // 140 km away

/** Polls until `check` holds (background refreshes finish in their own time), for up to 2 s. */
async function eventually(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
}

async function rejection(p: Promise<unknown>): Promise<WeatherError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WeatherError);
  return err as WeatherError;
}

describe('openWeatherMap', () => {
  let fake: FakeOwm;
  let clock: number;
  const provider = (options: Partial<OpenWeatherMapOptions> = {}) =>
    openWeatherMap({ apiKey: KEY, baseUrl: fake.url, now: () => clock, ...options });

  beforeAll(async () => {
    fake = await startFakeOwm();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.calls.length = 0;
    fake.mode = 'ok';
    fake.weatherAt = () => ({ speed: 6.71, deg: 240, temp: 7.43 });
    clock = NOW;
  });

  weatherProviderContract('openWeatherMap against a fake', () =>
    openWeatherMap({ apiKey: KEY, baseUrl: fake.url, rateLimit: { calls: 1_000, perMs: 60_000 } }),
  );

  it('asks the current-weather endpoint for the cell centre, with the key and metric units', async () => {
    const sample = await provider().windAt(DRONTEN, NOW);
    expect(sample).toEqual({ speed10m: 6.71, directionDeg: 240, temperatureC: 7.43 });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.path).toBe('/data/2.5/weather');
    expect(fake.calls[0]?.query).toEqual({ lat: '52.5', lon: '5.7', appid: KEY, units: 'metric' });
  });

  it('calls once per cell while the report is fresh, however many projects ask', async () => {
    const weather = provider();
    await Promise.all([
      weather.windAt(DRONTEN, NOW),
      weather.windAt(NEAR_DRONTEN, NOW),
      weather.windAt(DRONTEN, NOW),
    ]);
    clock += 9 * 60_000;
    await weather.windAt(NEAR_DRONTEN, clock);
    expect(fake.calls).toHaveLength(1);
    await weather.windAt(VENLO, clock);
    expect(fake.calls).toHaveLength(2);
  });

  it('needs far fewer calls than projects for the 770-project fleet', async () => {
    const fleet = generateFleet({ seed: 1 });
    const cells = new Set(fleet.projects.map((p) => cellOf(p.latitude, p.longitude, 0.1).key));
    const weather = provider({ rateLimit: { calls: 1_000, perMs: 60_000 } });
    await Promise.all(fleet.projects.map((p) => weather.windAt(p, NOW)));
    expect(fake.calls.length).toBe(cells.size);
    expect(cells.size).toBeLessThan(770 / 2);
  });

  it('after cacheMs serves the old report once and refreshes it in the background', async () => {
    const weather = provider();
    await weather.windAt(DRONTEN, NOW);
    fake.weatherAt = () => ({ speed: 9.5, deg: 200, temp: 8 });
    clock += 10 * 60_000;
    expect((await weather.windAt(DRONTEN, clock)).speed10m).toBe(6.71);
    await eventually(async () => (await weather.windAt(DRONTEN, clock)).speed10m === 9.5);
    expect((await weather.windAt(DRONTEN, clock)).speed10m).toBe(9.5);
    expect(fake.calls).toHaveLength(2);
  });

  it('keeps to the rate limit: the call past it waits for the window to slide', async () => {
    const weather = provider({ rateLimit: { calls: 2, perMs: 300 }, borrowKm: 0 });
    const cellsApart = [0, 1, 2].map((i) => at(`NL-${i}`, 51 + i, 5));
    await Promise.all(cellsApart.map((p) => weather.windAt(p, NOW)));
    const [a, , c] = fake.calls.map((call) => call.at);
    expect(fake.calls).toHaveLength(3);
    expect(c! - a!).toBeGreaterThanOrEqual(250);
  });

  it("while the limit is reached, answers a new cell with a neighbour's report", async () => {
    const weather = provider({ rateLimit: { calls: 1, perMs: 60_000 } });
    await weather.windAt(DRONTEN, NOW);
    const started = Date.now();
    expect(await weather.windAt(NEXT_CELL, NOW)).toEqual(await weather.windAt(DRONTEN, NOW));
    expect(Date.now() - started).toBeLessThan(500);
    expect(fake.calls).toHaveLength(1);
  });

  it('reports a refused key naming OWM_API_KEY, without the key, and stops calling', async () => {
    fake.mode = 401;
    const weather = provider();
    const err = await rejection(weather.windAt(DRONTEN, NOW));
    expect(err.message).toMatch(/OWM_API_KEY/);
    expect(err.message).toMatch(/HTTP 401: Invalid API key/);
    expect(err.message).not.toContain(KEY);
    expect(err).toMatchObject({ status: 401, retryable: false });
    await rejection(weather.windAt(VENLO, NOW));
    expect(fake.calls).toHaveLength(1);
  });

  it('reports rate limiting (429) and server errors (500) as retryable', async () => {
    fake.mode = 429;
    const limited = await rejection(provider().windAt(DRONTEN, NOW));
    expect(limited).toMatchObject({ status: 429, retryable: true });
    expect(limited.message).toMatch(/60 calls a minute/);
    fake.mode = 500;
    expect(await rejection(provider().windAt(DRONTEN, NOW))).toMatchObject({
      status: 500,
      retryable: true,
    });
  });

  it('keeps serving the last report while refreshes fail', async () => {
    const weather = provider();
    await weather.windAt(DRONTEN, NOW);
    fake.mode = 500;
    clock += 11 * 60_000;
    expect((await weather.windAt(DRONTEN, clock)).speed10m).toBe(6.71);
    await eventually(() => fake.calls.length >= 2);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls).toHaveLength(2);
    expect((await weather.windAt(DRONTEN, clock)).speed10m).toBe(6.71);
  });

  it('gives up on a call that hangs after timeoutMs', async () => {
    fake.mode = 'hang';
    const err = await rejection(provider({ timeoutMs: 150 }).windAt(DRONTEN, NOW));
    expect(err.message).toBe(`OpenWeatherMap did not answer within 150 ms (${fake.url})`);
    expect(err.retryable).toBe(true);
  });

  it('says so when the service cannot be reached or answers nonsense', async () => {
    const unreachable = await rejection(
      provider({ baseUrl: 'http://127.0.0.1:1' }).windAt(DRONTEN, NOW),
    );
    expect(unreachable.message).toMatch(
      /^Cannot reach OpenWeatherMap at http:\/\/127\.0\.0\.1:1: /,
    );
    fake.weatherAt = () => ({ speed: Number.NaN, deg: 0, temp: 0 });
    expect((await rejection(provider().windAt(DRONTEN, NOW))).message).toMatch(
      /without a usable wind.speed/,
    );
  });

  it('needs an API key', () => {
    expect(() => openWeatherMap({ apiKey: '' })).toThrow(/OWM_API_KEY/);
  });
});
