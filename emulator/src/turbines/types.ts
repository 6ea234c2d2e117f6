import type { WireRecord } from '../../../app/src/telemetry/record.js';

/**
 * The seam between the fleet model (fleet, weather, power: what the turbines measure) and the
 * uploader (how readings reach the API and survive outages). The model is deterministic: the same
 * seed, fleet and time give the same readings.
 */

/** One wind project: a group of identical turbines at one place. */
export interface Project {
  /** Stable id, also the `turbine_id`-style dimension value the project writes (e.g. `NL-0001`). */
  id: string;
  name: string;
  municipality: string;
  province?: string;
  latitude: number;
  longitude: number;
  turbines: number;
  /** Nominal (rated) power of one turbine, kW. */
  nominalPowerKw: number;
  brand: string;
  model: string;
  /** m above ground. */
  hubHeightM: number;
}

export interface Fleet {
  seed: number;
  projects: Project[];
}

/**
 * Everything one project measures at one instant, in the record shape the API takes. Async,
 * because real weather (OpenWeatherMap) comes over the network.
 *
 * Dimensions: `turbine_id` is the project's id (the project is the sending device, as in the
 * original experiment, so its device token names it), plus `project`, `municipality`, `province`,
 * `brand`, `model`. One MULTI record per reading (power, wind at 10 m and at hub height...).
 */
export interface ReadingSource {
  readingsAt(project: Project, timeMs: number): Promise<WireRecord[]>;
}
