import { describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '../../telemetry/record.js';
import { pointFields, pointTags, toLine } from './mapping.js';

const base: Omit<TelemetryRecord, 'measure'> = {
  dimensions: [
    { name: 'project', value: 'Noord' },
    { name: 'turbine_id', value: 'A' },
  ],
  measureName: 'power',
  time: 1_700_000_000_123_456_789n,
  version: 3n,
};

const fieldsOf = (record: TelemetryRecord) =>
  Object.fromEntries(pointFields(record).map((f) => [f.key, [f.type, f.literal]]));

describe('record -> point', () => {
  it.each([
    // A plain decimal goes as sent; every other spelling Timestream takes is respelled.
    ['DOUBLE', '1.0', 'measure_value::double', 'float', '1.0'],
    ['DOUBLE', '-1234.56789012345678', 'measure_value::double', 'float', '-1234.56789012345678'],
    ['DOUBLE', '1.5e21', 'measure_value::double', 'float', '1.5e+21'],
    ['DOUBLE', '+2', 'measure_value::double', 'float', '2'],
    ['DOUBLE', '.5', 'measure_value::double', 'float', '0.5'],
    ['DOUBLE', '7.', 'measure_value::double', 'float', '7'],
    ['DOUBLE', '007.25', 'measure_value::double', 'float', '7.25'],
    ['DOUBLE', '-0.0', 'measure_value::double', 'float', '0'],
    [
      'DOUBLE',
      '123456789012345678901234',
      'measure_value::double',
      'float',
      '1.2345678901234569e+23',
    ],
    ['BIGINT', '-42', 'measure_value::bigint', 'integer', '-42i'],
    ['BIGINT', '9223372036854775807', 'measure_value::bigint', 'integer', '9223372036854775807i'],
    ['VARCHAR', 'a "b" \\c\\', 'measure_value::varchar', 'string', '"a \\"b\\" \\\\c\\\\"'],
    ['BOOLEAN', 'true', 'measure_value::boolean', 'boolean', 'true'],
  ] as const)('stores a single %s %j as %s (%s) %s', (type, value, key, influxType, literal) => {
    const record: TelemetryRecord = { ...base, measure: { kind: 'single', type, value } };
    expect(fieldsOf(record)).toEqual({
      [key]: [influxType, literal],
      _version: ['integer', '3i'],
    });
  });

  it('stores a MULTI record as one field per measure, listing its TIMESTAMP measures', () => {
    const record: TelemetryRecord = {
      ...base,
      measure: {
        kind: 'multi',
        values: [
          { name: 'power_kw', type: 'DOUBLE', value: '1532.25' },
          { name: 'rpm', type: 'BIGINT', value: '14' },
          { name: 'status', type: 'VARCHAR', value: 'ok' },
          { name: 'curtailed', type: 'BOOLEAN', value: 'false' },
          { name: 'sampled_at', type: 'TIMESTAMP', value: '1700000000000000001' },
          { name: 'new\nline', type: 'TIMESTAMP', value: '5' },
        ],
      },
    };
    expect(fieldsOf(record)).toEqual({
      power_kw: ['float', '1532.25'],
      rpm: ['integer', '14i'],
      status: ['string', '"ok"'],
      curtailed: ['boolean', 'false'],
      sampled_at: ['integer', '1700000000000000001i'],
      'new%0Aline': ['integer', '5i'],
      // JSON ["sampled_at","new\nline"], then quoted for line protocol
      _timestamp_measures: ['string', String.raw`"[\"sampled_at\",\"new\\nline\"]"`],
      _version: ['integer', '3i'],
    });
  });

  it('marks a MULTI record without TIMESTAMP measures with an empty list', () => {
    const record: TelemetryRecord = {
      ...base,
      measure: { kind: 'multi', values: [{ name: 'x', type: 'DOUBLE', value: '1' }] },
    };
    expect(fieldsOf(record)._timestamp_measures).toEqual(['string', '"[]"']);
  });

  it('stores dimensions and the measure name as encoded tags', () => {
    const record: TelemetryRecord = {
      ...base,
      dimensions: [{ name: 'a\\b', value: 'x\ny%' }],
      measureName: 'trailing\\',
      measure: { kind: 'single', type: 'DOUBLE', value: '1' },
    };
    expect(pointTags(record)).toEqual({ 'a%5Cb': 'x%0Ay%25', measure_name: 'trailing%5C' });
  });

  it('writes one line of line protocol: escaped names, sorted tags, fields, ns time', () => {
    const record: TelemetryRecord = {
      ...base,
      dimensions: [
        { name: 'a b', value: 'x,y=z' },
        { name: 'turbine_id', value: 'back\\slash' },
      ],
      measure: {
        kind: 'multi',
        values: [
          { name: 'wind speed', type: 'DOUBLE', value: '7.5' },
          { name: 'note', type: 'VARCHAR', value: 'say "hi", x=1' },
        ],
      },
    };
    expect(toLine(record, 'tele metry,1')).toBe(
      'tele\\ metry\\,1,a\\ b=x\\,y\\=z,measure_name=power,turbine_id=back%5Cslash ' +
        'wind\\ speed=7.5,note="say \\"hi\\", x=1",_timestamp_measures="[]",_version=3i ' +
        '1700000000123456789',
    );
  });
});
