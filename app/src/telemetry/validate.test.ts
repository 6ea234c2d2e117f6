import { describe, expect, it } from 'vitest';
import type { WireRecord } from './record.js';
import { validateRecord } from './validate.js';

const NOW = 1_732_579_200_000n * 1_000_000n; // 2024-11-26T00:00:00Z in ns
const base = {
  Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
  MeasureName: 'power',
  MeasureValue: '12.5',
  Time: '1732579100000',
};
const check = (raw: unknown, common?: WireRecord) => validateRecord(raw, common, NOW);
const refused = (raw: unknown, common?: WireRecord) => {
  const result = check(raw, common);
  if (result.ok) throw new Error('expected the record to be refused');
  return result.error;
};

describe('validateRecord: accepted records', () => {
  it('applies Timestream defaults: DOUBLE, MILLISECONDS, version 1', () => {
    const result = check(base);
    expect(result).toEqual({
      ok: true,
      record: {
        dimensions: [{ name: 'turbine_id', value: 'T1' }],
        measureName: 'power',
        time: 1_732_579_100_000n * 1_000_000n,
        version: 1n,
        measure: { kind: 'single', type: 'DOUBLE', value: '12.5' },
      },
    });
  });

  it.each([
    ['SECONDS', '1732579100', 1_732_579_100n * 1_000_000_000n],
    ['MICROSECONDS', '1732579100000001', 1_732_579_100_000_001n * 1_000n],
    ['NANOSECONDS', '1732579100000000001', 1_732_579_100_000_000_001n],
  ])('converts TimeUnit %s to ns', (TimeUnit, Time, ns) => {
    const result = check({ ...base, TimeUnit, Time });
    expect(result.ok && result.record.time).toBe(ns);
  });

  it('sorts dimensions by name and merges CommonAttributes dimensions', () => {
    const result = check(
      { ...base, Dimensions: [{ Name: 'z', Value: '1' }] },
      { Dimensions: [{ Name: 'a', Value: '2', DimensionValueType: 'VARCHAR' }] },
    );
    expect(result.ok && result.record.dimensions.map((d) => d.name)).toEqual(['a', 'z']);
  });

  it('takes MULTI values of every type, TIMESTAMP in the record TimeUnit', () => {
    const result = check({
      ...base,
      MeasureValue: undefined,
      MeasureValueType: 'MULTI',
      TimeUnit: 'SECONDS',
      Time: '1732579100',
      MeasureValues: [
        { Name: 'p', Value: '1.5', Type: 'DOUBLE' },
        { Name: 'n', Value: '+007', Type: 'BIGINT' },
        { Name: 's', Value: 'ok', Type: 'VARCHAR' },
        { Name: 'b', Value: 'TRUE', Type: 'BOOLEAN' },
        { Name: 't', Value: '1732579000', Type: 'TIMESTAMP' },
      ],
    });
    expect(result.ok && result.record.measure).toEqual({
      kind: 'multi',
      values: [
        { name: 'p', type: 'DOUBLE', value: '1.5' },
        { name: 'n', type: 'BIGINT', value: '7' },
        { name: 's', type: 'VARCHAR', value: 'ok' },
        { name: 'b', type: 'BOOLEAN', value: 'true' },
        { name: 't', type: 'TIMESTAMP', value: '1732579000000000000' },
      ],
    });
  });

  it('accepts Time and Version as JSON integers too', () => {
    const result = check({ ...base, Time: 1732579100000, Version: 3 });
    expect(result.ok && [result.record.time, result.record.version]).toEqual([
      1_732_579_100_000_000_000n,
      3n,
    ]);
  });
});

describe('validateRecord: refused records name the field and the reason', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each<[string, Record<string, unknown>, string, RegExp]>([
    ['no dimensions', { Dimensions: [] }, 'Dimensions', /at least 1/],
    [
      '129 dimensions',
      { Dimensions: Array.from({ length: 129 }, (_, i) => ({ Name: `d${i}`, Value: 'v' })) },
      'Dimensions',
      /at most 128/,
    ],
    [
      'dimension name over 60 bytes',
      { Dimensions: [{ Name: long(61), Value: 'v' }] },
      'Dimensions[0].Name',
      /60 bytes/,
    ],
    [
      'multi-byte name over 60 bytes',
      { Dimensions: [{ Name: 'é'.repeat(31), Value: 'v' }] },
      'Dimensions[0].Name',
      /60 bytes/,
    ],
    [
      'empty dimension value',
      { Dimensions: [{ Name: 'a', Value: '' }] },
      'Dimensions[0].Value',
      /empty/,
    ],
    [
      'dimension value over 2048',
      { Dimensions: [{ Name: 'a', Value: long(2049) }] },
      'Dimensions[0].Value',
      /2048/,
    ],
    [
      'numeric dimension value',
      { Dimensions: [{ Name: 'a', Value: 5 }] },
      'Dimensions[0].Value',
      /string/,
    ],
    [
      'bad DimensionValueType',
      { Dimensions: [{ Name: 'a', Value: 'v', DimensionValueType: 'INT' }] },
      'Dimensions[0].DimensionValueType',
      /VARCHAR/,
    ],
    [
      'duplicate dimension',
      {
        Dimensions: [
          { Name: 'a', Value: '1' },
          { Name: 'a', Value: '2' },
        ],
      },
      'Dimensions',
      /more than once/,
    ],
    [
      'reserved dimension name',
      { Dimensions: [{ Name: 'measure_name', Value: 'v' }] },
      'Dimensions[0].Name',
      /reserved/,
    ],
    ['missing MeasureName', { MeasureName: undefined }, 'MeasureName', /non-empty/],
    ['MeasureName over 256 bytes', { MeasureName: long(257) }, 'MeasureName', /256 bytes/],
    ['unknown MeasureValueType', { MeasureValueType: 'FLOAT' }, 'MeasureValueType', /one of/],
    [
      'top-level TIMESTAMP',
      { MeasureValueType: 'TIMESTAMP' },
      'MeasureValueType',
      /only allowed inside/,
    ],
    ['missing MeasureValue', { MeasureValue: undefined }, 'MeasureValue', /required/],
    ['number MeasureValue', { MeasureValue: 12.5 }, 'MeasureValue', /string/],
    ['NaN DOUBLE', { MeasureValue: 'NaN' }, 'MeasureValue', /finite DOUBLE/],
    ['Infinity DOUBLE', { MeasureValue: '1e999' }, 'MeasureValue', /finite DOUBLE/],
    [
      'fractional BIGINT',
      { MeasureValueType: 'BIGINT', MeasureValue: '1.5' },
      'MeasureValue',
      /integer/,
    ],
    [
      'BIGINT over 2^63',
      { MeasureValueType: 'BIGINT', MeasureValue: '9223372036854775808' },
      'MeasureValue',
      /64-bit/,
    ],
    [
      'BOOLEAN yes',
      { MeasureValueType: 'BOOLEAN', MeasureValue: 'yes' },
      'MeasureValue',
      /BOOLEAN/,
    ],
    ['MeasureValues on a DOUBLE', { MeasureValues: [] }, 'MeasureValues', /only allowed when/],
    ['MULTI with MeasureValue', { MeasureValueType: 'MULTI' }, 'MeasureValue', /must be absent/],
    [
      'MULTI without values',
      { MeasureValueType: 'MULTI', MeasureValue: undefined, MeasureValues: [] },
      'MeasureValues',
      /non-empty/,
    ],
    [
      'MULTI value of type MULTI',
      {
        MeasureValueType: 'MULTI',
        MeasureValue: undefined,
        MeasureValues: [{ Name: 'a', Value: '1', Type: 'MULTI' }],
      },
      'MeasureValues[0].Type',
      /one of/,
    ],
    [
      'MULTI duplicate names',
      {
        MeasureValueType: 'MULTI',
        MeasureValue: undefined,
        MeasureValues: [
          { Name: 'a', Value: '1', Type: 'DOUBLE' },
          { Name: 'a', Value: '2', Type: 'DOUBLE' },
        ],
      },
      'MeasureValues[1].Name',
      /more than once/,
    ],
    [
      'MULTI measure named like a dimension',
      {
        MeasureValueType: 'MULTI',
        MeasureValue: undefined,
        MeasureValues: [{ Name: 'turbine_id', Value: '1', Type: 'DOUBLE' }],
      },
      'MeasureValues',
      /also a dimension/,
    ],
    [
      'MULTI bad value',
      {
        MeasureValueType: 'MULTI',
        MeasureValue: undefined,
        MeasureValues: [{ Name: 'a', Value: 'x', Type: 'BIGINT' }],
      },
      'MeasureValues[0].Value',
      /integer/,
    ],
    ['missing Time', { Time: undefined }, 'Time', /required/],
    ['Time not digits', { Time: '2024-11-26T00:00:00Z' }, 'Time', /integer/],
    ['negative Time', { Time: '-5' }, 'Time', /negative/],
    [
      'Time 16 minutes ahead',
      { Time: String(1_732_579_200_000 + 16 * 60_000) },
      'Time',
      /15 minutes in the future/,
    ],
    ['bad TimeUnit', { TimeUnit: 'HOURS' }, 'TimeUnit', /one of/],
    ['Version 0', { Version: 0 }, 'Version', /from 1/],
    ['Version fractional', { Version: 1.5 }, 'Version', /integer/],
    ['unknown attribute', { Measurename: 'typo' }, 'Measurename', /unknown attribute/],
  ])('%s', (_case, change, field, reason) => {
    const error = refused({ ...base, ...change });
    expect(error.field).toBe(field);
    expect(error.reason).toMatch(reason);
  });

  it('refuses a record whose dimensions overlap CommonAttributes', () => {
    const error = refused(base, { Dimensions: [{ Name: 'turbine_id', Value: 'other' }] });
    expect(error).toEqual({
      field: 'Dimensions',
      reason: expect.stringMatching(/including with CommonAttributes/),
    });
  });

  it('refuses a record that is not an object', () => {
    expect(refused('power=5')).toEqual({ field: 'record', reason: 'must be a JSON object' });
  });

  it('accepts a record exactly 15 minutes ahead', () => {
    expect(check({ ...base, Time: String(1_732_579_200_000 + 15 * 60_000) }).ok).toBe(true);
  });
});
