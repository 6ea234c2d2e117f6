export { WeatherError } from './WeatherProvider.js';
export type { WeatherProvider, WindSample } from './WeatherProvider.js';
export { createSyntheticField, syntheticWeather } from './synthetic/syntheticWeather.js';
export type { SyntheticField } from './synthetic/syntheticWeather.js';
export { openWeatherMap } from './owm/openWeatherMap.js';
export type { OpenWeatherMapOptions } from './owm/openWeatherMap.js';
export { OWM_FREE_PLAN } from './owm/rateLimiter.js';
export type { RateLimit } from './owm/rateLimiter.js';
