import { describe, expect, it } from 'vitest';
import type { Project } from '../types.js';
import { cubicCurve, originalCurve } from './curves.js';
import { powerLaw } from './hubHeight.js';
import { DEFAULT_MODEL, ORIGINAL_MODEL, projectPower } from './model.js';

const PARK: Project = {
  id: 'NL-0001',
  name: 'Windpark Urk 1',
  municipality: 'Urk',
  province: 'Flevoland',
  latitude: 52.66,
  longitude: 5.6,
  turbines: 4,
  nominalPowerKw: 3000,
  brand: 'Enercon',
  model: 'E-115',
  hubHeightM: 122,
};

describe('projectPower', () => {
  it('reproduces the original experiment: its curve on 10 m wind, times the turbines', () => {
    expect(projectPower(PARK, 7.5, ORIGINAL_MODEL)).toEqual({
      windSpeedHub: 7.5,
      powerKw: 4 * originalCurve(7.5, 3000),
      nominalPowerKw: 12_000,
    });
  });

  it('carries the wind to the hub before the curve in the better model', () => {
    const hub = powerLaw(6, 122);
    const result = projectPower(PARK, 6, DEFAULT_MODEL);
    expect(result.windSpeedHub).toBeCloseTo(hub, 12);
    expect(result.powerKw).toBeCloseTo(4 * cubicCurve(hub, 3000), 9);
  });

  it('turns a 10 m wind below cut-in into power once corrected to the hub', () => {
    expect(projectPower(PARK, 3.5, ORIGINAL_MODEL).powerKw).toBe(0);
    expect(
      projectPower(PARK, 3.5, { curve: 'original', hubHeight: 'power-law' }).powerKw,
    ).toBeGreaterThan(0);
    expect(
      projectPower(PARK, 3.5, { curve: 'cubic', hubHeight: 'log-law' }).powerKw,
    ).toBeGreaterThan(0);
  });
});
