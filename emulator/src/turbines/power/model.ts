import type { Project } from '../types.js';
import { CURVES, type CurveName } from './curves.js';
import { windAtHub, type HubHeightLaw } from './hubHeight.js';

/**
 * Which power model a simulation runs: the speed-power curve, and how 10 m wind is carried to the
 * hub. `{ curve: 'original', hubHeight: 'none' }` reproduces the original experiment.
 */
export interface PowerModel {
  curve: CurveName;
  hubHeight: HubHeightLaw;
}

export const ORIGINAL_MODEL: PowerModel = { curve: 'original', hubHeight: 'none' };
export const DEFAULT_MODEL: PowerModel = { curve: 'cubic', hubHeight: 'power-law' };

export const CURVE_NAMES: readonly CurveName[] = ['original', 'cubic'];
export const HUB_HEIGHT_LAWS: readonly HubHeightLaw[] = ['none', 'power-law', 'log-law'];

export interface ProjectPower {
  /** m/s at the project's hub height, by the model's law. */
  windSpeedHub: number;
  /** The whole project (all its turbines), kW. */
  powerKw: number;
  /** The whole project's nominal power, kW. */
  nominalPowerKw: number;
}

/**
 * What a project produces in a 10 m wind: every turbine of a project is taken to see the same
 * wind (they stand within a few km), so the project makes `turbines` times one turbine's power.
 *
 * @example
 * projectPower(project, 6.2, DEFAULT_MODEL).powerKw;
 */
export function projectPower(project: Project, speed10m: number, model: PowerModel): ProjectPower {
  const windSpeedHub = windAtHub(speed10m, project.hubHeightM, model.hubHeight);
  const perTurbine = CURVES[model.curve](windSpeedHub, project.nominalPowerKw);
  return {
    windSpeedHub,
    powerKw: perTurbine * project.turbines,
    nominalPowerKw: project.nominalPowerKw * project.turbines,
  };
}
