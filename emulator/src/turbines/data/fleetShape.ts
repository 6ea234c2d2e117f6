import type { Era } from './turbineModels.js';

/**
 * How the Dutch onshore fleet is made up, as shares of PROJECTS by turbine era and project size.
 * The generator fills these classes by quota (largest remainder), not by independent draws, so
 * every fleet has the same make-up and its capacity varies little from seed to seed; only which
 * turbine, how many within the class, and where, are random.
 *
 * Targets, and where they come from (CBS StatLine 70960ned; RVO Monitor Wind op Land 2023/2024):
 * - about 6.8 GW installed onshore (6,816 MW end 2023; about 6.94 GW end 2024 after +127 MW);
 * - about 2,500-2,700 turbines (2,509 end 2022), so about 2.6 MW per turbine on average;
 * - many solo turbines and small lines of old 0.6-1 MW machines (the 1990s farm turbines, about 0.5
 *   GW in all), a middle layer of 2-3 MW parks, and a few very large recent parks of 40-90
 *   turbines (Noordoostpolder 86, Zeewolde 83, Wieringermeer 82+, Windpark Fryslân 89, Windplan
 *   Groen about 90, Windplan Blauw 61) that hold a third of the capacity.
 * With 770 projects (the original experiment's count) this gives 6.7-7.4 GW (about 7.0 on average
 * over seeds) in about 2,550 turbines; the mean project is 3.3 turbines and 9 MW, the median 2.
 */
export interface FleetClass {
  era: Era;
  /** Turbines per project, both ends included (drawn log-uniformly: small counts more likely). */
  minTurbines: number;
  maxTurbines: number;
  /** Share of all projects. The shares add up to 1. */
  share: number;
}

export const FLEET_SHAPE: readonly FleetClass[] = [
  { era: 'legacy', minTurbines: 1, maxTurbines: 1, share: 0.222 },
  { era: 'legacy', minTurbines: 2, maxTurbines: 3, share: 0.095 },
  { era: 'legacy', minTurbines: 4, maxTurbines: 8, share: 0.04 },
  { era: 'legacy', minTurbines: 9, maxTurbines: 18, share: 0.008 },
  { era: 'mid', minTurbines: 1, maxTurbines: 1, share: 0.1755 },
  { era: 'mid', minTurbines: 2, maxTurbines: 3, share: 0.125 },
  { era: 'mid', minTurbines: 4, maxTurbines: 8, share: 0.06 },
  { era: 'mid', minTurbines: 9, maxTurbines: 20, share: 0.02 },
  { era: 'mid', minTurbines: 21, maxTurbines: 35, share: 0.004 },
  { era: 'modern', minTurbines: 1, maxTurbines: 1, share: 0.095 },
  { era: 'modern', minTurbines: 2, maxTurbines: 3, share: 0.08 },
  { era: 'modern', minTurbines: 4, maxTurbines: 8, share: 0.042 },
  { era: 'modern', minTurbines: 9, maxTurbines: 20, share: 0.021 },
  { era: 'modern', minTurbines: 21, maxTurbines: 40, share: 0.007 },
  { era: 'modern', minTurbines: 41, maxTurbines: 90, share: 0.0055 },
];

/** Projects of at least this many turbines are placed where the big parks are (see generator). */
export const LARGE_PROJECT_TURBINES = 21;
