import { createRng } from '../../fleet/random.js';
import type { Project } from '../../types.js';
import type { WeatherProvider, WindSample } from '../WeatherProvider.js';
import { dailyFactor, exposure, meanTemperatureC, meanWind10m, seasonalFactor } from './climate.js';
import { normalCdf, weibullQuantile, weibullScaleForMean } from './distribution.js';
import { createWaveField, type WaveBand } from './waveField.js';

/**
 * Scales of the wind field. Synoptic: pressure systems 400-2000 km across, so the whole country
 * shares a "windy day" yet the coast of Zeeland and that of Groningen (300 km apart) can differ;
 * they change over half a day to a few days. Mesoscale: showers and fronts' fine structure, 40-150 km,
 * changing over one to a few hours, a tenth of the variance. Nothing shorter: the
 * readings are of 10-minute-mean wind, not gusts.
 */
const SPEED_BANDS: readonly WaveBand[] = [
  { waves: 8, variance: 0.9, wavelengthKm: [400, 2000], periodH: [18, 96] },
  { waves: 6, variance: 0.1, wavelengthKm: [40, 150], periodH: [1, 6] },
];
const DIRECTION_BANDS: readonly WaveBand[] = [
  { waves: 6, variance: 1, wavelengthKm: [500, 2500], periodH: [24, 120] },
];
const TEMPERATURE_BANDS: readonly WaveBand[] = [
  { waves: 4, variance: 1, wavelengthKm: [600, 3000], periodH: [48, 240] },
];
/** Weather moves east-north-east at about 35 km/h. */
const DRIFT = { x: 33, y: 12 };
/** South-west is the prevailing wind direction over the Netherlands. */
const PREVAILING_DEG = 225;
const DIRECTION_SPREAD_DEG = 75;
const TEMPERATURE_ANOMALY_C = 3;
/** Kilometres from a reference point in the middle of the country (near Amersfoort). */
const ORIGIN = { lat: 52.15, lon: 5.4 };
const KM_PER_DEG_LAT = 111.2;
const KM_PER_DEG_LON = KM_PER_DEG_LAT * Math.cos((ORIGIN.lat * Math.PI) / 180);

/** The field itself, synchronous, for tests and fleet-wide sums. */
export type SyntheticField = (latitude: number, longitude: number, timeMs: number) => WindSample;

/**
 * A pure function of (seed, latitude, longitude, time): no state, no clock, no network.
 *
 * @example
 * const at = createSyntheticField(1);
 * at(52.52, 5.72, Date.UTC(2024, 0, 15, 14)); // Dronten, a January afternoon
 */
export function createSyntheticField(seed: number): SyntheticField {
  // Mixing a constant into the seed keeps the weather independent of the fleet made with it.
  const rng = createRng((seed ^ 0x5eed_a1f) >>> 0);
  const speedField = createWaveField(rng, SPEED_BANDS, DRIFT);
  const directionField = createWaveField(rng, DIRECTION_BANDS, DRIFT);
  const temperatureField = createWaveField(rng, TEMPERATURE_BANDS, DRIFT);
  return (latitude, longitude, timeMs) => {
    const x = (longitude - ORIGIN.lon) * KM_PER_DEG_LON;
    const y = (latitude - ORIGIN.lat) * KM_PER_DEG_LAT;
    const hours = timeMs / 3_600_000;
    const exp = exposure(latitude, longitude);
    const scale = weibullScaleForMean(meanWind10m(exp));
    const base = weibullQuantile(normalCdf(speedField(x, y, hours)), scale);
    const speed10m = base * dailyFactor(timeMs, longitude, exp) * seasonalFactor(timeMs);
    const direction = PREVAILING_DEG + DIRECTION_SPREAD_DEG * directionField(x, y, hours);
    const temperature =
      meanTemperatureC(timeMs, longitude, exp) +
      TEMPERATURE_ANOMALY_C * temperatureField(x, y, hours);
    return {
      speed10m,
      directionDeg: ((direction % 360) + 360) % 360,
      temperatureC: temperature,
    };
  };
}

/**
 * The offline default weather: plausible Dutch 10 m winds (Weibull-distributed, about 5 m/s
 * inland and 7 m/s at the coast), correlated in space and time, with a daily cycle. The same seed
 * gives the same weather in every process and after every restart.
 *
 * @example
 * const weather = syntheticWeather(1);
 * const { speed10m, directionDeg } = await weather.windAt(project, Date.now());
 */
export function syntheticWeather(seed: number): WeatherProvider {
  const field = createSyntheticField(seed);
  return {
    windAt: (project: Project, timeMs: number) =>
      Promise.resolve(field(project.latitude, project.longitude, timeMs)),
  };
}
