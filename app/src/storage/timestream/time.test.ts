import { describe, expect, it } from 'vitest';
import { formatTimestamp, MAX_TIMESTAMP_NS, parseTimestamp } from './time.js';

describe('formatTimestamp', () => {
  it('prints nine fractional digits in UTC, as Timestream does', () => {
    expect(formatTimestamp(1_700_000_000_000_000_001n)).toBe('2023-11-14 22:13:20.000000001');
    expect(formatTimestamp(0n)).toBe('1970-01-01 00:00:00.000000000');
  });

  it("reaches the end of Timestream's range exactly", () => {
    expect(formatTimestamp(MAX_TIMESTAMP_NS)).toBe('2262-04-11 23:47:16.854775807');
  });

  it('refuses times outside the range', () => {
    expect(() => formatTimestamp(-1n)).toThrow(RangeError);
    expect(() => formatTimestamp(MAX_TIMESTAMP_NS + 1n)).toThrow(RangeError);
  });
});

describe('parseTimestamp', () => {
  it('parses recorded ScalarValues to exact nanoseconds', () => {
    // signalk-to-timestream recorded response; docs' current_timestamp example.
    expect(parseTimestamp('2020-10-17 16:59:50.892000000')).toBe(1_602_953_990_892_000_000n);
    expect(parseTimestamp('2022-07-07 17:42:32.939000000')).toBe(1_657_215_752_939_000_000n);
  });

  it('round-trips with formatTimestamp down to the nanosecond', () => {
    for (const ns of [1n, 999_999_999n, 1_700_000_000_123_456_789n, MAX_TIMESTAMP_NS]) {
      expect(parseTimestamp(formatTimestamp(ns))).toBe(ns);
    }
  });

  it('accepts fewer fractional digits and none', () => {
    expect(parseTimestamp('1970-01-01 00:00:01.5')).toBe(1_500_000_000n);
    expect(parseTimestamp('1970-01-01 00:00:01')).toBe(1_000_000_000n);
  });

  it('refuses malformed and impossible values', () => {
    expect(() => parseTimestamp('2020-10-17T16:59:50Z')).toThrow(SyntaxError);
    expect(() => parseTimestamp('2024-02-30 00:00:00.000000000')).toThrow(SyntaxError);
    expect(() => parseTimestamp('2024-01-01 00:00:00.0000000001')).toThrow(SyntaxError);
  });
});
