/**
 * The slow, fixed parts of the Dutch wind climate that the synthetic field rides on: how exposed a
 * place is to open water, the mean 10 m wind that follows from it, the daily cycle, the seasons.
 *
 * Figures (KNMI "Windklimaat van Nederland", Wieringa & Rijkoort 1983; KNMI climate tables; the
 * Dutch wind atlas): the potential (open-terrain) 10 m wind averages about 5 m/s inland, 6-6.5 m/s
 * along the IJsselmeer and 6.5-7 m/s on the North Sea coast and the Wadden islands. Inland at 10 m
 * the wind drops in the evening and night (a stable layer decouples the surface from the wind
 * above) and peaks in the early afternoon, by roughly +-20-25 %; at the coast the cycle is weak.
 * Winter months are windier than summer ones by about a quarter.
 */

/** Points on open water's edge: the North Sea coast, the Wadden Sea, the IJsselmeer and the delta. */
const SHORES: readonly [lat: number, lon: number, exposure: number][] = [
  [51.37, 3.38, 1], // Cadzand
  [51.53, 3.44, 1], // Westkapelle
  [51.73, 3.75, 1], // Renesse
  [51.83, 3.88, 1], // Ouddorp
  [51.98, 4.12, 1], // Hoek van Holland
  [52.11, 4.27, 1], // Scheveningen
  [52.24, 4.42, 1], // Noordwijk
  [52.46, 4.57, 1], // IJmuiden
  [52.62, 4.62, 1], // Egmond
  [52.78, 4.66, 1], // Petten
  [52.96, 4.73, 1], // Den Helder
  [53.1, 4.76, 1], // Texel
  [53.3, 5.05, 1], // Vlieland
  [53.43, 5.6, 1], // Terschelling / Ameland
  [53.48, 6.2, 1], // Schiermonnikoog
  [53.17, 5.41, 0.85], // Harlingen (Wadden Sea)
  [53.38, 5.95, 0.85], // Holwerd
  [53.42, 6.4, 0.85], // Lauwersoog / Groningen coast
  [53.44, 6.83, 0.85], // Eemshaven
  [53.32, 6.95, 0.8], // Delfzijl
  [51.6, 3.95, 0.8], // Oosterschelde
  [51.42, 3.9, 0.8], // Westerschelde
  [51.72, 4.15, 0.75], // Grevelingen / Haringvliet
  [53.0, 5.15, 0.75], // Afsluitdijk
  [52.88, 5.37, 0.75], // Stavoren
  [52.8, 5.65, 0.75], // Lemmer / Noordoostpolder dike
  [52.66, 5.58, 0.75], // Urk
  [52.7, 5.25, 0.7], // Enkhuizen / Houtribdijk
  [52.52, 5.42, 0.7], // Lelystad
  [52.4, 5.1, 0.6], // Markermeer south
];

const KM_PER_DEG_LAT = 111.2;
const SHORE_REACH_KM = 25;

/** 1 on an open coast, falling towards 0 some 50 km inland. */
export function exposure(lat: number, lon: number): number {
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  let best = 0;
  for (const [sLat, sLon, weight] of SHORES) {
    const d = Math.hypot((lat - sLat) * KM_PER_DEG_LAT, (lon - sLon) * kmPerDegLon);
    best = Math.max(best, weight * Math.exp(-d / SHORE_REACH_KM));
  }
  return best;
}

/** Long-term mean 10 m wind speed, m/s: about 4.9 deep inland, 6.9 on the coast. */
export function meanWind10m(exposureValue: number): number {
  return 4.9 + 2.0 * exposureValue;
}

/**
 * Multiplier for the hour of day: inland peaks at 14:00 local solar time and is lowest at 02:00;
 * the amplitude shrinks towards the coast, where the sea keeps the air mixed day and night.
 */
export function dailyFactor(timeMs: number, lon: number, exposureValue: number): number {
  const solarHour = (timeMs / 3_600_000 + lon / 15) % 24;
  const amplitude = 0.22 * (1 - 0.7 * exposureValue);
  return 1 + amplitude * Math.cos((2 * Math.PI * (solarHour - 14)) / 24);
}

/** Multiplier for the season: windiest in mid-January, calmest in mid-July. */
export function seasonalFactor(timeMs: number): number {
  return 1 + 0.12 * Math.cos((2 * Math.PI * (dayOfYear(timeMs) - 15)) / 365.25);
}

/**
 * Mean air temperature, Celsius, before weather: De Bilt's normals (about 10.5 C, July 18 C,
 * January 3.5 C) with a daily swing peaking at 15:00 that is smaller at the coast.
 */
export function meanTemperatureC(timeMs: number, lon: number, exposureValue: number): number {
  const solarHour = (timeMs / 3_600_000 + lon / 15) % 24;
  const season = 7.2 * Math.cos((2 * Math.PI * (dayOfYear(timeMs) - 201)) / 365.25);
  const daily = 4 * (1 - 0.5 * exposureValue) * Math.cos((2 * Math.PI * (solarHour - 15)) / 24);
  return 10.5 + season + daily;
}

/** Days since 1 January, close enough: 1970-01-01 plus whole mean Gregorian years. */
function dayOfYear(timeMs: number): number {
  return (timeMs / 86_400_000) % 365.2425;
}
