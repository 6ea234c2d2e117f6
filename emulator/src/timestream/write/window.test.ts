import { describe, expect, it } from 'vitest';
import { testTable } from '../../../../test/fixtures/timestream-server/tableEntry.js';
import { ingestionWindow, outsideReason, place } from './window.js';

const NOW = Date.UTC(2024, 0, 10, 12, 0, 0, 123);
const ns = (ms: number) => BigInt(ms) * 1_000_000n;
const HOUR = 3_600_000;

describe('ingestion window', () => {
  it('is [now - memory retention, now + 15 min) without magnetic writes', () => {
    const window = ingestionWindow(testTable(), NOW);
    expect(place(ns(NOW - 6 * HOUR), window)).toBe('memory');
    expect(place(ns(NOW - 6 * HOUR) - 1n, window)).toBe('outside');
    expect(place(ns(NOW + 15 * 60_000) - 1n, window)).toBe('memory');
    expect(place(ns(NOW + 15 * 60_000), window)).toBe('outside');
    expect(outsideReason(window)).toBe(
      'The record timestamp is outside the time range ' +
        '[2024-01-10T06:00:00.123Z, 2024-01-10T12:15:00.123Z) of the memory store.',
    );
  });

  it('reaches back over memory plus magnetic retention with magnetic writes', () => {
    const table = testTable({ magneticStoreWrites: { EnableMagneticStoreWrites: true } });
    const window = ingestionWindow(table, NOW);
    expect(place(ns(NOW - 7 * HOUR), window)).toBe('magnetic');
    expect(place(ns(NOW - 54 * HOUR), window)).toBe('magnetic');
    expect(place(ns(NOW - 54 * HOUR) - 1n, window)).toBe('outside');
    expect(outsideReason(window)).toBe(
      'The record timestamp is outside the time range ' +
        '[2024-01-08T06:00:00.123Z, 2024-01-10T12:15:00.123Z) of the data ingestion window.',
    );
  });
});
