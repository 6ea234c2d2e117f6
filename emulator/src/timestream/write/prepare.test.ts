import { describe, expect, it } from 'vitest';
import type { WireRecord } from '../../../../app/src/telemetry/record.js';
import { ValidationException } from '../protocol/errors.js';
import { prepareRecords } from './prepare.js';
import { testTable } from '../../../../test/fixtures/timestream-server/tableEntry.js';

const NOW = Date.UTC(2024, 0, 10, 12, 0, 0);
const table = testTable();
const base: WireRecord = {
  Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
  MeasureName: 'power',
  MeasureValue: '1.5',
  Time: String(NOW),
};

describe('prepareRecords', () => {
  it('merges CommonAttributes and reads Time in every TimeUnit', () => {
    const common: WireRecord = { Dimensions: [{ Name: 'site', Value: 'S' }], MeasureName: 'power' };
    const seconds = Math.floor(NOW / 1000);
    const records: WireRecord[] = [
      { MeasureValue: '1', Time: String(seconds), TimeUnit: 'SECONDS' },
      { MeasureValue: '2', Time: String(NOW), TimeUnit: 'MILLISECONDS' },
      { MeasureValue: '3', Time: `${NOW}000`, TimeUnit: 'MICROSECONDS' },
      { MeasureValue: '4', Time: `${NOW}000001`, TimeUnit: 'NANOSECONDS' },
    ];
    const { accepted, rejected } = prepareRecords(records, common, table, NOW);
    expect(rejected).toEqual([]);
    expect(accepted.map((a) => a.record.time)).toEqual([
      BigInt(seconds) * 1_000_000_000n,
      BigInt(NOW) * 1_000_000n,
      BigInt(NOW) * 1_000_000n,
      BigInt(NOW) * 1_000_000n + 1n,
    ]);
    expect(accepted[0]?.record.dimensions).toEqual([{ name: 'site', value: 'S' }]);
    expect(accepted.every((a) => a.store === 'memory')).toBe(true);
  });

  it('reads a TIMESTAMP inside MULTI in the record TimeUnit', () => {
    const multi: WireRecord = {
      ...base,
      MeasureValue: undefined,
      MeasureValueType: 'MULTI',
      TimeUnit: 'SECONDS',
      Time: String(NOW / 1000),
      MeasureValues: [{ Name: 'seen_at', Value: '1700000000', Type: 'TIMESTAMP' }],
    };
    const [accepted] = prepareRecords([multi], undefined, table, NOW).accepted;
    expect(accepted?.record.measure).toEqual({
      kind: 'multi',
      values: [{ name: 'seen_at', type: 'TIMESTAMP', value: '1700000000000000000' }],
    });
  });

  it('rejects a record that breaks a record rule and keeps the others', () => {
    const records = [base, { ...base, MeasureValue: 'abc' }, { ...base, MeasureName: 'time' }];
    const { accepted, rejected } = prepareRecords(records, undefined, table, NOW);
    expect(accepted.map((a) => a.index)).toEqual([0]);
    expect(rejected).toEqual([
      { RecordIndex: 1, Reason: "MeasureValue: 'abc' is not a finite DOUBLE" },
      { RecordIndex: 2, Reason: "MeasureName: 'time' is a reserved name" },
    ]);
  });

  it('rejects records outside the window, past and future, with the time-range Reason', () => {
    const old = { ...base, Time: String(NOW - 7 * 3_600_000) };
    const future = { ...base, Time: String(NOW + 16 * 60_000) };
    const { accepted, rejected } = prepareRecords([old, base, future], undefined, table, NOW);
    expect(accepted.map((a) => a.index)).toEqual([1]);
    expect(rejected.map((r) => r.RecordIndex)).toEqual([0, 2]);
    expect(rejected[0]?.Reason).toMatch(/^The record timestamp is outside the time range \[/);
  });

  it('places old records in the magnetic store when the table allows it', () => {
    const magnetic = testTable({ magneticStoreWrites: { EnableMagneticStoreWrites: true } });
    const old = { ...base, Time: String(NOW - 7 * 3_600_000) };
    const { accepted } = prepareRecords([old, base], undefined, magnetic, NOW);
    expect(accepted.map((a) => a.store)).toEqual(['magnetic', 'memory']);
  });

  it.each([
    ['Version 0', { ...base, Version: 0 }, 'Records[1].Version must be an integer from 1'],
    [
      'a TIMESTAMP outside MULTI',
      { ...base, MeasureValueType: 'TIMESTAMP' },
      'TIMESTAMP is an invalid measure value type',
    ],
    [
      'a dimension also in CommonAttributes',
      { ...base, Dimensions: [{ Name: 'site', Value: 'x' }] },
      'Records[1].Dimensions: dimension',
    ],
  ])('refuses the whole request for %s', (_what, bad, message) => {
    const common: WireRecord = { Dimensions: [{ Name: 'site', Value: 'S' }] };
    const call = () => prepareRecords([base, bad as WireRecord], common, table, NOW);
    expect(call).toThrow(ValidationException);
    expect(call).toThrow(message);
  });

  it('rejects a record without a REQUIRED dimension partition key', () => {
    const keyed = testTable({
      schema: {
        CompositePartitionKey: [
          { Type: 'DIMENSION', Name: 'turbine_id', EnforcementInRecord: 'REQUIRED' },
        ],
      },
    });
    const without = { ...base, Dimensions: [{ Name: 'site', Value: 'S' }] };
    const { accepted, rejected } = prepareRecords([base, without], undefined, keyed, NOW);
    expect(accepted.map((a) => a.index)).toEqual([0]);
    expect(rejected[0]?.Reason).toContain('turbine_id');
  });
});
