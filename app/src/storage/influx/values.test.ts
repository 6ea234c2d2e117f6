import { describe, expect, it } from 'vitest';
import { exactInteger, LOW_MODULUS, parseRfc3339Nano } from './values.js';

describe('parseRfc3339Nano', () => {
  it.each([
    ['2023-11-14T22:13:20Z', 1_700_000_000_000_000_000n],
    ['2023-11-14T22:13:20.000000001Z', 1_700_000_000_000_000_001n],
    ['2023-11-14T22:13:20.12345679Z', 1_700_000_000_123_456_790n],
    ['2023-11-14T22:13:20.5Z', 1_700_000_000_500_000_000n],
    ['1970-01-01T00:00:00Z', 0n],
    ['1969-12-31T23:59:59.999999999Z', -1n],
  ])('reads %s as %s ns', (text, ns) => {
    expect(parseRfc3339Nano(text)).toBe(ns);
  });

  it('refuses what is not an RFC3339 UTC time', () => {
    expect(() => parseRfc3339Nano('1700000000000000000')).toThrow(/RFC3339/);
    expect(() => parseRfc3339Nano('2023-11-14T22:13:20+01:00')).toThrow(/RFC3339/);
  });
});

describe('exactInteger', () => {
  const m = BigInt(LOW_MODULUS);
  // What InfluxDB sends for `value` and `value % 1e9`, after JSON.parse.
  const wire = (value: bigint): [number, number] => [Number(value), Number(value % m)];

  it.each([
    1_700_000_000_123_456_789n,
    9_223_372_036_854_775_807n,
    -9_223_372_036_854_775_808n,
    -1_700_000_000_123_456_789n,
    2n ** 53n + 1n,
    1_700_000_000_999_999_999n,
    1_700_000_001_000_000_000n,
  ])('rebuilds %s exactly from its rounded value and low part', (value) => {
    const [rounded, low] = wire(value);
    expect(exactInteger(rounded, low)).toBe(value);
  });

  it('is needed: JSON numbers lose the last digits of a ns timestamp', () => {
    const value = 1_700_000_000_123_456_789n;
    expect(BigInt(Number(value))).not.toBe(value);
  });

  it('takes safe integers as they are, and the rounded value when no low part came', () => {
    expect(exactInteger(42, undefined)).toBe(42n);
    expect(exactInteger(-42, -42)).toBe(-42n);
    expect(exactInteger(2 ** 60, undefined)).toBe(2n ** 60n);
  });
});
