import { describe, expect, it } from 'vitest';
import { DEFAULT_ALPHA, DEFAULT_Z0_M, logLaw, powerLaw, windAtHub } from './hubHeight.js';

describe('hub-height laws', () => {
  it('leave the wind unchanged at 10 m', () => {
    expect(powerLaw(6, 10)).toBeCloseTo(6, 12);
    expect(logLaw(6, 10)).toBeCloseTo(6, 12);
  });

  it('follow v10 (h/10)^alpha with alpha about 1/7', () => {
    expect(DEFAULT_ALPHA).toBeCloseTo(1 / 7, 2);
    expect(powerLaw(5, 100)).toBeCloseTo(5 * 10 ** 0.14, 9);
    expect(powerLaw(5, 80, 0.2)).toBeCloseTo(5 * 8 ** 0.2, 9);
  });

  it('follow v10 ln(h/z0) / ln(10/z0) with z0 = 0.03 m (farmland)', () => {
    expect(DEFAULT_Z0_M).toBe(0.03);
    expect(logLaw(5, 100)).toBeCloseTo((5 * Math.log(100 / 0.03)) / Math.log(10 / 0.03), 9);
    expect(logLaw(5, 100, 0.1)).toBeGreaterThan(logLaw(5, 100, 0.03));
  });

  it('raise the wind by a quarter to a half over the fleet range of 40-135 m', () => {
    for (const law of [powerLaw, logLaw]) {
      expect(law(1, 40)).toBeGreaterThan(1.2);
      expect(law(1, 135)).toBeGreaterThan(law(1, 40));
      expect(law(1, 135)).toBeLessThan(1.5);
    }
    // The two laws agree within a few percent for open farmland.
    expect(Math.abs(powerLaw(1, 100) - logLaw(1, 100))).toBeLessThan(0.05);
  });

  it('are chosen by name, with "none" keeping the 10 m wind', () => {
    expect(windAtHub(6, 120, 'none')).toBe(6);
    expect(windAtHub(6, 120, 'power-law')).toBe(powerLaw(6, 120));
    expect(windAtHub(6, 120, 'log-law')).toBe(logLaw(6, 120));
  });
});
