export { DEFAULT_PROJECTS, generateFleet } from './generateFleet.js';
export type { GenerateFleetOptions } from './generateFleet.js';
export { FleetFileError } from './fleetFileError.js';
export type { FleetIssue } from './fleetFileError.js';
export { loadFleet, parseFleetCsv, parseFleetJson } from './loadFleet.js';
export { createRng } from './random.js';
export type { Rng } from './random.js';
