import type { Project } from '../../types.js';
import { WeatherError, type WeatherProvider, type WindSample } from '../WeatherProvider.js';
import { CellCache, cellOf, type Cell } from './cellCache.js';
import { OWM_FREE_PLAN, SlidingWindowLimiter, type RateLimit } from './rateLimiter.js';
import { asWeatherError, networkError, toWeatherError, toWindSample } from './response.js';

export interface OpenWeatherMapOptions {
  /** The key from an OpenWeatherMap account (OWM_API_KEY). */
  apiKey: string;
  baseUrl?: string;
  /** How long a report is used before it is refreshed; OpenWeatherMap updates about every 10 min. */
  cacheMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Give up on one call after this long. */
  timeoutMs?: number;
  /** Cell size, degrees: 0.1 is about 11 km north-south by 7 km east-west here. */
  gridDeg?: number;
  /** Calls allowed per window; the free plan's 60 a minute by default. */
  rateLimit?: RateLimit;
  /** While a cell waits for its first call, answer with a cached cell at most this far away. */
  borrowKm?: number;
  /** The clock that ages cached reports, for tests. */
  now?: () => number;
}

const DEFAULTS = {
  baseUrl: 'https://api.openweathermap.org',
  cacheMs: 10 * 60_000,
  fetch: globalThis.fetch,
  timeoutMs: 10_000,
  gridDeg: 0.1,
  rateLimit: OWM_FREE_PLAN,
  borrowKm: 30,
  now: Date.now,
};

/**
 * Real current weather from OpenWeatherMap's free current-weather endpoint. The time asked for is
 * ignored: the endpoint has only "now", which is what a live fleet sends.
 *
 * Keeping to the free plan (60 calls a minute, 1,000,000 a month) with 770 projects: projects
 * share a report per grid cell (about 150 cells for the generated fleet); a report is reused for
 * `cacheMs` (10 min), then refreshed in the background while the old one is still served (so
 * about 15 calls a minute, some 650,000 a month, in steady state); every call goes through a
 * sliding-window limiter (60 per minute; a 429 pauses it for a window); and while the first round
 * is still queued (about 2.5 minutes), a cell not fetched yet borrows the nearest cached cell's
 * weather within `borrowKm`. Errors are `WeatherError`s; a refused key says to check OWM_API_KEY
 * and stops all further calls.
 *
 * @example
 * const weather = openWeatherMap({ apiKey: process.env.OWM_API_KEY ?? '' });
 * await weather.windAt(project, Date.now());
 */
export function openWeatherMap(options: OpenWeatherMapOptions): WeatherProvider {
  const o: Required<OpenWeatherMapOptions> = {
    ...DEFAULTS,
    ...definedOnly(options),
    apiKey: options.apiKey,
  };
  if (!o.apiKey) throw new WeatherError('OpenWeatherMap needs an API key: set OWM_API_KEY', false);
  const cache = new CellCache();
  // Real time, not `now`: the limiter sleeps in real time, so it must also measure it.
  const limiter = new SlidingWindowLimiter(o.rateLimit);
  const inFlight = new Map<string, Promise<WindSample>>();
  const limitNote = `windtunnel keeps to ${o.rateLimit.calls} calls per ${o.rateLimit.perMs / 1000} s`;
  /** A refused key fails every later call at once, instead of spending the quota on more 401s. */
  let refusedKey: WeatherError | undefined;

  const refresh = (cell: Cell): Promise<WindSample> => {
    const running = inFlight.get(cell.key);
    if (running) return running;
    const call = limiter
      .acquire()
      .then(() => fetchCell(cell))
      .then(
        (sample) => {
          cache.set(cell, { sample, fetchedAt: o.now() });
          return sample;
        },
        (err: unknown) => {
          const error = asWeatherError(err);
          if (error.status === 429) limiter.pause(o.rateLimit.perMs);
          if (error.status === 401) refusedKey = error;
          const old = cache.get(cell);
          if (old) cache.set(cell, { ...old, error });
          throw error;
        },
      )
      .finally(() => inFlight.delete(cell.key));
    inFlight.set(cell.key, call);
    return call;
  };

  const fetchCell = async (cell: Cell): Promise<WindSample> => {
    const url = new URL('/data/2.5/weather', o.baseUrl);
    url.search = new URLSearchParams({
      lat: String(cell.latitude),
      lon: String(cell.longitude),
      appid: o.apiKey,
      units: 'metric',
    }).toString();
    let response: Response;
    try {
      response = await o.fetch(url, { signal: AbortSignal.timeout(o.timeoutMs) });
    } catch (err) {
      throw networkError(err, o.baseUrl, o.timeoutMs);
    }
    const text = await response.text();
    if (!response.ok) throw toWeatherError(response.status, text, limitNote);
    try {
      return toWindSample(JSON.parse(text));
    } catch (err) {
      if (err instanceof WeatherError) throw err;
      throw new WeatherError(
        'OpenWeatherMap answered with something that is not JSON',
        true,
        response.status,
      );
    }
  };

  return {
    async windAt(project: Project): Promise<WindSample> {
      if (refusedKey) throw refusedKey;
      const cell = cellOf(project.latitude, project.longitude, o.gridDeg);
      const cached = cache.get(cell);
      if (cached) {
        if (cached.error && !cached.error.retryable) throw cached.error;
        if (o.now() - cached.fetchedAt >= o.cacheMs) refresh(cell).catch(() => undefined);
        return cached.sample;
      }
      const neighbour = limiter.canStartNow() ? undefined : cache.nearest(cell, o.borrowKm);
      if (neighbour) {
        refresh(cell).catch(() => undefined);
        return neighbour.sample;
      }
      return refresh(cell);
    },
  };
}

/** `{ fetch: undefined }` means "the default", not "no fetch". */
function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}
