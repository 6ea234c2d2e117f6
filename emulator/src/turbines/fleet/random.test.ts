import { describe, expect, it } from 'vitest';
import { createRng } from './random.js';

const draws = (seed: number, n = 5): number[] => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same numbers for the same seed', () => {
    expect(draws(42)).toEqual(draws(42));
  });

  it('gives different numbers for neighbouring seeds', () => {
    expect(draws(1)).not.toEqual(draws(2));
    expect(draws(1)[0]).not.toBeCloseTo(draws(2)[0] as number, 2);
  });

  it('folds fractional and negative seeds instead of refusing them', () => {
    expect(draws(-7)).toEqual(draws(-7));
    expect(draws(0.5)).not.toEqual(draws(0));
    expect(() => createRng(Number.NaN)).toThrow(/finite/);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const rng = createRng(3);
    const buckets = new Array<number>(10).fill(0);
    let [min, max] = [1, 0];
    for (let i = 0; i < 20_000; i++) {
      const x = rng.next();
      [min, max] = [Math.min(min, x), Math.max(max, x)];
      buckets[Math.floor(x * 10)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const count of buckets) expect(count).toBeGreaterThan(1_800);
  });

  it('draws integers with both ends included', () => {
    const rng = createRng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(rng.int(1, 3));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('picks by weight and never picks a zero weight', () => {
    const rng = createRng(11);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 4_000; i++)
      counts[rng.weighted(['a', 'b', 'c'] as const, (k) => ({ a: 3, b: 1, c: 0 })[k])]++;
    expect(counts.c).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.5);
    expect(counts.a / counts.b).toBeLessThan(3.5);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = createRng(5).shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...out].sort()).toEqual(input);
    expect(out).not.toEqual(input);
  });
});
