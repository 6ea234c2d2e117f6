export { CUBIC_DEFAULTS, CURVES, cubicCurve, originalCurve } from './curves.js';
export type { CubicCurveOptions, CurveName } from './curves.js';
export {
  DEFAULT_ALPHA,
  DEFAULT_Z0_M,
  REFERENCE_HEIGHT_M,
  logLaw,
  powerLaw,
  windAtHub,
} from './hubHeight.js';
export type { HubHeightLaw } from './hubHeight.js';
export {
  CURVE_NAMES,
  DEFAULT_MODEL,
  HUB_HEIGHT_LAWS,
  ORIGINAL_MODEL,
  projectPower,
} from './model.js';
export type { PowerModel, ProjectPower } from './model.js';
export { compareFleetPower } from './fleetGap.js';
export type { FleetGap } from './fleetGap.js';
