import { WeatherError, type WindSample } from '../WeatherProvider.js';

/**
 * OpenWeatherMap's current-weather answer (`GET /data/2.5/weather?lat&lon&appid&units=metric`),
 * reduced to what a turbine needs: `wind.speed` (m/s with units=metric), `wind.deg` (meteorological,
 * where the wind comes from) and `main.temp` (Celsius with units=metric). Errors come as
 * `{"cod": 401, "message": "Invalid API key. Please see https://openweathermap.org/faq#error401 ..."}`
 * (as recorded in many client projects' issues, e.g. schachmat/wego#151 and
 * dblock/open-weather-ruby-client#17 for the 429 "account is temporary blocked" body).
 */
export function toWindSample(body: unknown): WindSample {
  const wind = field(body, 'wind');
  const speed = field(wind, 'speed');
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0) {
    throw new WeatherError(
      `OpenWeatherMap answered without a usable wind.speed (got ${JSON.stringify(speed)})`,
      false,
    );
  }
  // Calm reports may leave out the direction; 0 (north) is then as good as any.
  const deg = field(wind, 'deg');
  const temp = field(field(body, 'main'), 'temp');
  return {
    speed10m: speed,
    directionDeg: typeof deg === 'number' && Number.isFinite(deg) ? ((deg % 360) + 360) % 360 : 0,
    ...(typeof temp === 'number' && Number.isFinite(temp) ? { temperatureC: temp } : {}),
  };
}

/** Turns an HTTP error from OpenWeatherMap into a message a user can act on. */
export function toWeatherError(status: number, bodyText: string, limitNote: string): WeatherError {
  const said = serverMessage(bodyText);
  if (status === 401) {
    return new WeatherError(
      `OpenWeatherMap refused the API key (HTTP 401${said}). Check OWM_API_KEY: ` +
        'copy the key from your OpenWeatherMap account; a new key can take a couple of hours to become active.',
      false,
      status,
    );
  }
  if (status === 429) {
    return new WeatherError(
      `OpenWeatherMap rate limit exceeded (HTTP 429${said}). The free plan allows 60 calls a minute; ` +
        `${limitNote}. Another program using the same OWM_API_KEY may be spending the quota.`,
      true,
      status,
    );
  }
  if (status >= 500)
    return new WeatherError(`OpenWeatherMap server error (HTTP ${status}${said})`, true, status);
  return new WeatherError(
    `OpenWeatherMap refused the request (HTTP ${status}${said})`,
    false,
    status,
  );
}

export function asWeatherError(err: unknown): WeatherError {
  return err instanceof WeatherError
    ? err
    : new WeatherError(`OpenWeatherMap call failed: ${String(err)}`, true);
}

/** Never includes the URL's query: it holds the API key. */
export function networkError(err: unknown, baseUrl: string, timeoutMs: number): WeatherError {
  const name = (err as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new WeatherError(
      `OpenWeatherMap did not answer within ${timeoutMs} ms (${baseUrl})`,
      true,
    );
  }
  const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
  return new WeatherError(`Cannot reach OpenWeatherMap at ${baseUrl}: ${cause}`, true);
}

function serverMessage(bodyText: string): string {
  try {
    const message = field(JSON.parse(bodyText), 'message');
    if (typeof message === 'string' && message) return `: ${message.slice(0, 200)}`;
  } catch {
    // Not JSON: a proxy's HTML page, say. The status alone must do.
  }
  return '';
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[name]
    : undefined;
}
