import { describe, expect, it } from 'vitest';
import type { MultiMeasureValue, TelemetryRecord } from '../../telemetry/record.js';
import { aggregateRecords } from './aggregate.js';

const rec = (
  time: bigint,
  values: MultiMeasureValue[],
  dimensions = [{ name: 'turbine_id', value: 'A' }],
): TelemetryRecord => ({
  dimensions,
  measureName: 'reading',
  time,
  version: 1n,
  measure: { kind: 'multi', values },
});
const kw = (value: string): MultiMeasureValue => ({ name: 'power_kw', type: 'DOUBLE', value });

describe('aggregateRecords', () => {
  it('floors bins towards minus infinity, also before the epoch', () => {
    const records = [rec(-1n, [kw('1')]), rec(-10n, [kw('2')]), rec(0n, [kw('4')])];

    const rows = aggregateRecords(records, { from: -100n, to: 100n, bin: 10n });

    expect(rows.map((r) => [r.bin, r.records])).toEqual([
      [-10n, 2],
      [0n, 1],
    ]);
  });

  it('counts only DOUBLE values of a name, even where another record has it as BIGINT', () => {
    const records = [
      rec(1n, [kw('1.5')]),
      rec(2n, [{ name: 'power_kw', type: 'BIGINT', value: '1000' }]),
    ];

    const [row] = aggregateRecords(records, { from: 0n, to: 10n, measures: ['power_kw'] });

    expect(row?.measures).toEqual({ power_kw: { count: 1, sum: 1.5, min: 1.5, max: 1.5 } });
  });

  it('keeps names like __proto__ as own entries of a row', () => {
    const dimensions = [{ name: '__proto__', value: 'x' }];
    const values = [{ name: '__proto__', type: 'DOUBLE' as const, value: '2' }];

    const [row] = aggregateRecords([rec(1n, values, dimensions)], {
      from: 0n,
      to: 10n,
      groupBy: ['__proto__'],
      measures: ['__proto__'],
      distinct: ['__proto__'],
    });

    expect(Object.getPrototypeOf(row?.group)).toBe(Object.prototype);
    expect(Object.entries(row?.group ?? {})).toEqual([['__proto__', 'x']]);
    expect(Object.entries(row?.measures ?? {})).toEqual([
      ['__proto__', { count: 1, sum: 2, min: 2, max: 2 }],
    ]);
    expect(Object.entries(row?.distinct ?? {})).toEqual([['__proto__', 1]]);
  });
});
