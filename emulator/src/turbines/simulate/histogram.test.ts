import { describe, expect, it } from 'vitest';
import { bucketOf, LatencyHistogram, upperBoundOf } from './histogram.js';

describe('LatencyHistogram', () => {
  it('is exact for small values and answers 0 when empty', () => {
    const h = new LatencyHistogram();
    expect(h.quantile(0.5)).toBe(0);
    for (const ms of [0.001, 0.002, 0.003]) h.record(ms);
    expect(h.quantile(0.5)).toBeCloseTo(0.002);
    expect(h.quantile(1)).toBeCloseTo(0.003);
  });

  it('gives quantiles within 6.25 % of the true value over a wide range', () => {
    const h = new LatencyHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 0.05 * 1.001 ** i); // 0.05 ms .. ~1 s
    for (const v of values) h.record(v);
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      const truth = values[Math.ceil(q * values.length) - 1]!;
      expect(h.quantile(q)).toBeGreaterThanOrEqual(truth * 0.999);
      expect(h.quantile(q)).toBeLessThanOrEqual(truth * 1.0625);
    }
    expect(h.quantile(1)).toBe(values[values.length - 1]);
    expect(h.count).toBe(10_000);
  });

  it('merges counts from another histogram', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (let i = 0; i < 99; i++) a.record(1);
    b.record(500);
    a.merge(b);
    expect(a.count).toBe(100);
    expect(a.quantile(0.5)).toBeCloseTo(1, 1);
    expect(a.quantile(1)).toBe(500);
  });

  it('has buckets that cover every value exactly once', () => {
    for (let us = 0; us < 100_000; us += 7) {
      const index = bucketOf(us);
      expect(upperBoundOf(index)).toBeGreaterThanOrEqual(us);
      if (index > 0) expect(upperBoundOf(index - 1)).toBeLessThan(us);
    }
  });
});
