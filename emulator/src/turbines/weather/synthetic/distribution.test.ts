import { describe, expect, it } from 'vitest';
import { erf, normalCdf, weibullQuantile, weibullScaleForMean } from './distribution.js';

describe('distribution helpers', () => {
  it('computes erf and the normal distribution to table precision', () => {
    expect(erf(0)).toBeCloseTo(0, 7);
    expect(erf(0.5)).toBeCloseTo(0.5204999, 6);
    expect(erf(-1)).toBeCloseTo(-0.8427008, 6);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
  });

  it('finds the Weibull scale that gives a mean, for the default and other shapes', () => {
    for (const k of [1.5, 2, 2.2, 3]) {
      const scale = weibullScaleForMean(6, k);
      // The mean as the integral of the quantile function over (0, 1).
      let sum = 0;
      const n = 200_000;
      for (let i = 0; i < n; i++) sum += weibullQuantile((i + 0.5) / n, scale, k);
      expect(sum / n, `k=${k}`).toBeCloseTo(6, 2);
    }
    expect(weibullScaleForMean(1, 2)).toBeCloseTo(2 / Math.sqrt(Math.PI), 10);
  });

  it('has a quantile that starts at 0, rises, and stays finite at p = 1', () => {
    expect(weibullQuantile(0, 5)).toBe(0);
    expect(weibullQuantile(0.5, 5)).toBeCloseTo(5 * Math.sqrt(Math.LN2), 10);
    expect(weibullQuantile(0.9, 5)).toBeGreaterThan(weibullQuantile(0.5, 5));
    expect(Number.isFinite(weibullQuantile(1, 5))).toBe(true);
  });
});
