import { FLEET_SHAPE, LARGE_PROJECT_TURBINES, type FleetClass } from '../data/fleetShape.js';
import { MUNICIPALITIES, NETHERLANDS_BOUNDS, type Municipality } from '../data/municipalities.js';
import { modelsOfEra } from '../data/turbineModels.js';
import type { Fleet, Project } from '../types.js';
import { createRng, type Rng } from './random.js';

export interface GenerateFleetOptions {
  seed: number;
  /** How many projects; the original experiment had 770. */
  projects?: number;
}

/** The original experiment's fleet size. */
export const DEFAULT_PROJECTS = 770;

/**
 * A deterministic fleet shaped like the Dutch onshore fleet: the same seed always gives the same
 * projects (ids `NL-0001`..., names `Windpark <municipality> <n>`), so every simulator process and
 * every restart agrees on what each project is. See data/fleetShape.ts for the make-up it follows
 * (about 6.8 GW for 770 projects) and data/ for the sources of the facts.
 *
 * @example
 * const fleet = generateFleet({ seed: 1 });
 * fleet.projects[0]; // { id: 'NL-0001', name: 'Windpark Zeewolde 1', turbines: 1, ... }
 */
export function generateFleet({ seed, projects = DEFAULT_PROJECTS }: GenerateFleetOptions): Fleet {
  if (!Number.isInteger(projects) || projects < 1) {
    throw new RangeError(`projects must be a positive integer, got ${projects}`);
  }
  const rng = createRng(seed);
  const classes = rng.shuffle(allocate(FLEET_SHAPE, projects));
  const width = Math.max(4, String(projects).length);
  const perMunicipality = new Map<string, number>();
  const list = classes.map((cls, i): Project => {
    const turbines = logUniformInt(rng, cls.minTurbines, cls.maxTurbines);
    const model = rng.weighted(modelsOfEra(cls.era), (m) => m.share);
    const place = pickMunicipality(rng, turbines);
    const n = (perMunicipality.get(place.name) ?? 0) + 1;
    perMunicipality.set(place.name, n);
    const { latitude, longitude } = nearby(rng, place);
    return {
      id: `NL-${String(i + 1).padStart(width, '0')}`,
      name: `Windpark ${place.name} ${n}`,
      municipality: place.name,
      province: place.province,
      latitude,
      longitude,
      turbines,
      nominalPowerKw: model.ratedKw,
      brand: model.brand,
      model: model.model,
      hubHeightM: rng.pick(model.hubHeightsM),
    };
  });
  return { seed, projects: list };
}

/**
 * Splits `total` projects over the classes by their shares, rounding with the largest-remainder
 * method so the counts add up exactly and each class gets its fair share even for small fleets.
 */
function allocate(shape: readonly FleetClass[], total: number): FleetClass[] {
  const exact = shape.map((cls) => cls.share * total);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, rest: x - Math.floor(x) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return shape.flatMap((cls, i) => Array.from({ length: counts[i] ?? 0 }, () => cls));
}

/** Small counts are more common than large ones within a class, as in the real fleet. */
function logUniformInt(rng: Rng, min: number, max: number): number {
  if (min === max) return min;
  const value = Math.floor(Math.exp(rng.range(Math.log(min), Math.log(max + 1))));
  return Math.min(max, Math.max(min, value));
}

/**
 * Weighted by each municipality's wind capacity; the large parks by its power 1.5, because the 40-90
 * turbine parks stand in the few municipalities with hundreds of MW (Noordoostpolder, Zeewolde,
 * Dronten, Lelystad, Hollands Kroon, Súdwest-Fryslân, Goeree-Overflakkee, the Groningen coast).
 */
function pickMunicipality(rng: Rng, turbines: number): Municipality {
  const power = turbines >= LARGE_PROJECT_TURBINES ? 1.5 : 1;
  return rng.weighted(MUNICIPALITIES, (m) => m.windMw ** power);
}

/** A point a few km from the municipality's centre, so projects in one place are not stacked. */
function nearby(rng: Rng, place: Municipality): { latitude: number; longitude: number } {
  const b = NETHERLANDS_BOUNDS;
  const lat = clamp(place.latitude + rng.range(-0.025, 0.025), b.minLatitude, b.maxLatitude);
  const lon = clamp(place.longitude + rng.range(-0.04, 0.04), b.minLongitude, b.maxLongitude);
  return { latitude: round(lat, 4), longitude: round(lon, 4) };
}

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
