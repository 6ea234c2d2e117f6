import { describe, expect, it } from 'vitest';
import { parseDuration } from './interval.js';
import { formatTimestamp, parseIso8601, parseTimestampLiteral } from './timestamp.js';

const ns = (iso: string, extraNs = 0n) => BigInt(Date.parse(iso)) * 1_000_000n + extraNs;

describe('timestamps', () => {
  it("reads TIMESTAMP literals, with or without time and fraction (the SDK adapter's form)", () => {
    expect(parseTimestampLiteral('2024-01-01 00:00:00')).toBe(ns('2024-01-01T00:00:00Z'));
    expect(parseTimestampLiteral('2024-01-01 00:00:00.000000001')).toBe(
      ns('2024-01-01T00:00:00Z', 1n),
    );
    expect(parseTimestampLiteral('2024-01-01')).toBe(ns('2024-01-01T00:00:00Z'));
    expect(parseTimestampLiteral('2024-02-30 00:00:00')).toBeUndefined();
    expect(parseTimestampLiteral('1969-12-31 23:59:59')).toBeUndefined();
  });

  it('reads ISO 8601 with a zone, a Z, or none (UTC)', () => {
    expect(parseIso8601('2022-06-17T08:04:05.000000000+02:00')).toBe(ns('2022-06-17T06:04:05Z'));
    expect(parseIso8601('2021-10-18T21:42:58')).toBe(ns('2021-10-18T21:42:58Z'));
    expect(parseIso8601('2021-10-18T21:42:58.123Z')).toBe(ns('2021-10-18T21:42:58.123Z'));
    expect(parseIso8601('yesterday')).toBeUndefined();
  });

  it('round-trips through the printed form', () => {
    const t = ns('2262-04-11T23:47:16.854Z', 775_807n);
    expect(formatTimestamp(t)).toBe('2262-04-11 23:47:16.854775807');
    expect(parseTimestampLiteral(formatTimestamp(t))).toBe(t);
  });

  it('reads parse_duration strings', () => {
    expect(parseDuration('42.8ms')).toBe(42_800_000n);
    expect(parseDuration('1 h')).toBe(3_600_000_000_000n);
    expect(parseDuration('1 week')).toBeUndefined();
  });
});
