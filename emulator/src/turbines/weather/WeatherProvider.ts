import type { Project } from '../types.js';

/** The weather one project sees at one instant, at the 10 m of a weather report. */
export interface WindSample {
  /** m/s at 10 m above ground. */
  speed10m: number;
  /** Where the wind comes FROM, degrees clockwise from north, [0, 360). */
  directionDeg: number;
  /** Air temperature, degrees Celsius, when the provider knows it. */
  temperatureC?: number;
}

/**
 * The port for weather: what wind a project sees at an instant. Two adapters: the built-in
 * synthetic wind field (offline, deterministic) and OpenWeatherMap (real, current weather only).
 * Async, because real weather comes over the network.
 *
 * @example
 * const weather: WeatherProvider = syntheticWeather(1);
 * const { speed10m } = await weather.windAt(project, Date.now());
 */
export interface WeatherProvider {
  windAt(project: Project, timeMs: number): Promise<WindSample>;
}

/**
 * Weather could not be had. `retryable` says whether the same call may succeed later (timeouts,
 * rate limits, server errors) or needs a person to act (a bad API key, a bad URL).
 */
export class WeatherError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'WeatherError';
  }
}
