import { describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '../../telemetry/record.js';
import { prepareRecords, toWriteRecord } from './toWriteRecords.js';

const base: TelemetryRecord = {
  dimensions: [
    { name: 'project', value: 'Windpark Noord' },
    { name: 'turbine_id', value: 'NL-0001' },
  ],
  measureName: 'power',
  time: 1_700_000_000_123_456_789n,
  version: 3n,
  measure: { kind: 'single', type: 'DOUBLE', value: '1532.5' },
};

describe('toWriteRecord', () => {
  it('sends a single measure with exact nanosecond time and a numeric version', () => {
    expect(toWriteRecord(base)).toEqual({
      Dimensions: [
        { Name: 'project', Value: 'Windpark Noord' },
        { Name: 'turbine_id', Value: 'NL-0001' },
      ],
      MeasureName: 'power',
      MeasureValue: '1532.5',
      MeasureValueType: 'DOUBLE',
      Time: '1700000000123456789',
      TimeUnit: 'NANOSECONDS',
      Version: 3,
    });
  });

  it('sends a MULTI record with MeasureValues and no MeasureValue', () => {
    const record = toWriteRecord({
      ...base,
      measure: {
        kind: 'multi',
        values: [
          { name: 'power_kw', type: 'DOUBLE', value: '1.5' },
          { name: 'sampled_at', type: 'TIMESTAMP', value: '1700000000000000000' },
        ],
      },
    });
    expect(record.MeasureValueType).toBe('MULTI');
    expect(record.MeasureValue).toBeUndefined();
    expect(record.MeasureValues).toEqual([
      { Name: 'power_kw', Value: '1.5', Type: 'DOUBLE' },
      { Name: 'sampled_at', Value: '1700000000000000000', Type: 'TIMESTAMP' },
    ]);
  });
});

describe('prepareRecords', () => {
  it('rejects a version the SDK would round, and keeps the caller indexes of the rest', () => {
    const tooBig = { ...base, version: BigInt(Number.MAX_SAFE_INTEGER) + 1n };
    const largest = { ...base, version: BigInt(Number.MAX_SAFE_INTEGER) };
    const { prepared, rejected } = prepareRecords([base, tooBig, largest]);
    expect(prepared.map((p) => [p.index, p.record.Version])).toEqual([
      [0, 3],
      [2, Number.MAX_SAFE_INTEGER],
    ]);
    expect(rejected).toEqual([
      { index: 1, code: 'InvalidRecord', reason: expect.stringContaining('9007199254740992') },
    ]);
  });
});
