import type { WeatherError, WindSample } from '../WeatherProvider.js';

/**
 * Weather per grid cell rather than per project: projects a few km apart see the same weather
 * report (OpenWeatherMap's own model is far coarser than that), so 770 projects in about 140
 * municipalities need about 150 calls per refresh instead of 770.
 */
export interface Cell {
  key: string;
  latitude: number;
  longitude: number;
}

export interface CachedWeather {
  sample: WindSample;
  fetchedAt: number;
  /** The last refresh failed this way; kept so a bad key is reported, not hidden behind old data. */
  error?: WeatherError;
}

/** The cell a point falls in, named and located by its centre (the point the request asks for). */
export function cellOf(latitude: number, longitude: number, gridDeg: number): Cell {
  const snap = (x: number): number => Number((Math.round(x / gridDeg) * gridDeg).toFixed(4));
  const lat = snap(latitude);
  const lon = snap(longitude);
  return { key: `${lat},${lon}`, latitude: lat, longitude: lon };
}

export class CellCache {
  private readonly entries = new Map<string, { cell: Cell; weather: CachedWeather }>();

  get(cell: Cell): CachedWeather | undefined {
    return this.entries.get(cell.key)?.weather;
  }

  set(cell: Cell, weather: CachedWeather): void {
    this.entries.set(cell.key, { cell, weather });
  }

  /** The closest cell with weather within `maxKm`, to answer for a cell not fetched yet. */
  nearest(cell: Cell, maxKm: number): CachedWeather | undefined {
    let best: CachedWeather | undefined;
    let bestKm = maxKm;
    for (const { cell: other, weather } of this.entries.values()) {
      const km = distanceKm(cell, other);
      if (km <= bestKm) {
        best = weather;
        bestKm = km;
      }
    }
    return best;
  }
}

function distanceKm(a: Cell, b: Cell): number {
  const kmPerDegLat = 111.2;
  const kmPerDegLon = kmPerDegLat * Math.cos((((a.latitude + b.latitude) / 2) * Math.PI) / 180);
  return Math.hypot(
    (a.latitude - b.latitude) * kmPerDegLat,
    (a.longitude - b.longitude) * kmPerDegLon,
  );
}
