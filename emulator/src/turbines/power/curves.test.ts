import { describe, expect, it } from 'vitest';
import { CUBIC_DEFAULTS, cubicCurve, originalCurve } from './curves.js';

const PN = 3000;

describe('originalCurve', () => {
  it.each([
    [0, 0],
    [3.9, 0],
    [4, 0],
    [7.5, 1500],
    [11, PN],
    [18, PN],
    [25, PN],
    [25.1, 0],
    [40, 0],
  ])('at %s m/s gives %s kW', (speed, kw) => {
    expect(originalCurve(speed, PN)).toBeCloseTo(kw, 9);
  });

  it('rises in a straight line from 4 to 11 m/s', () => {
    expect(originalCurve(5, PN)).toBeCloseTo(PN / 7, 9);
    expect(originalCurve(10, PN) - originalCurve(9, PN)).toBeCloseTo(
      originalCurve(6, PN) - originalCurve(5, PN),
      9,
    );
  });

  it('gives nothing for a negative or missing speed', () => {
    expect(originalCurve(-3, PN)).toBe(0);
    expect(originalCurve(Number.NaN, PN)).toBe(0);
  });
});

describe('cubicCurve', () => {
  const { cutIn, rated, cutOut } = CUBIC_DEFAULTS;

  it('uses a cut-in of 3-4 m/s, a rated speed of 11-13 m/s and cut-out at 25 m/s', () => {
    expect(cutIn).toBeGreaterThanOrEqual(3);
    expect(cutIn).toBeLessThanOrEqual(4);
    expect(rated).toBeGreaterThanOrEqual(11);
    expect(rated).toBeLessThanOrEqual(13);
    expect(cutOut).toBe(25);
  });

  it('is 0 up to cut-in, nominal from rated to cut-out, 0 above', () => {
    expect(cubicCurve(cutIn - 0.1, PN)).toBe(0);
    expect(cubicCurve(cutIn, PN)).toBe(0);
    expect(cubicCurve(rated, PN)).toBe(PN);
    expect(cubicCurve(25, PN)).toBe(PN);
    expect(cubicCurve(25.1, PN)).toBe(0);
  });

  it('follows P = Pn (v^3 - vin^3) / (vr^3 - vin^3) in between', () => {
    expect(cubicCurve(8, PN)).toBeCloseTo(
      (PN * (8 ** 3 - cutIn ** 3)) / (rated ** 3 - cutIn ** 3),
      9,
    );
    expect(cubicCurve(6, 1000, { cutIn: 4, rated: 13, cutOut: 20 })).toBeCloseTo(
      (1000 * (216 - 64)) / (2197 - 64),
      9,
    );
    expect(cubicCurve(21, 1000, { cutOut: 20 })).toBe(0);
  });

  it('rises monotonically up to rated, and stays below the straight line in the middle', () => {
    let previous = -1;
    for (let v = 0; v <= rated; v += 0.05) {
      const p = cubicCurve(v, PN);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
    expect(cubicCurve(7, PN)).toBeLessThan(originalCurve(7, PN));
  });

  it('rises monotonically for the original curve too', () => {
    let previous = -1;
    for (let v = 0; v <= 25; v += 0.05) {
      const p = originalCurve(v, PN);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
  });
});
