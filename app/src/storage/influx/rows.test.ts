import { describe, expect, it } from 'vitest';
import { recordsFromSeries } from './rows.js';
import type { MeasurementSchema } from './schema.js';

const schema: MeasurementSchema = {
  fields: new Map([
    ['_version', ['integer']],
    ['_timestamp_measures', ['string']],
    ['measure_value::double', ['float']],
    ['measure_value::bigint', ['integer']],
    ['power', ['float']],
    ['rpm', ['integer']],
    ['at', ['integer']],
    ['note%0A', ['string']],
    ['on', ['boolean']],
  ]),
  tags: new Set(['measure_name', 'turbine_id', 'project%5C']),
};
const lows = new Map([
  ['%low:0', '_version'],
  ['%low:1', 'measure_value::bigint'],
  ['%low:2', 'rpm'],
  ['%low:3', 'at'],
]);
const columns = [
  'time',
  '_timestamp_measures',
  '_version',
  'at',
  'measure_name',
  'measure_value::bigint',
  'measure_value::double',
  'note%0A',
  'on',
  'power',
  'project%5C',
  'rpm',
  'turbine_id',
  '%low:0',
  '%low:1',
  '%low:2',
  '%low:3',
];
/** A row as InfluxDB's JSON gives it: null where the point has no such tag or field. */
function row(values: Record<string, unknown>): unknown[] {
  return columns.map((c) => (c in values ? values[c] : null));
}

describe('recordsFromSeries', () => {
  it('reads a single DOUBLE written as 1.0 back as DOUBLE, with decoded tags sorted by name', () => {
    const series = {
      name: 'm',
      columns,
      values: [
        row({
          time: '2023-11-14T22:13:20.000000001Z',
          _version: 2,
          '%low:0': 2,
          measure_name: 'power%0A',
          'measure_value::double': 1,
          turbine_id: 'A',
          'project%5C': 'x%25',
        }),
      ],
    };
    expect(recordsFromSeries(series, schema, lows)).toEqual({
      unknownColumns: [],
      records: [
        {
          dimensions: [
            { name: 'project\\', value: 'x%' },
            { name: 'turbine_id', value: 'A' },
          ],
          measureName: 'power\n',
          time: 1_700_000_000_000_000_001n,
          version: 2n,
          measure: { kind: 'single', type: 'DOUBLE', value: '1' },
        },
      ],
    });
  });

  it('rebuilds integers above 2^53 exactly from their low parts', () => {
    const big = 9_223_372_036_854_775_807n;
    const series = {
      name: 'm',
      columns,
      values: [
        row({
          time: '2023-11-14T22:13:20Z',
          _version: Number(big),
          '%low:0': Number(big % 1_000_000_000n),
          measure_name: 'count',
          'measure_value::bigint': Number(big),
          '%low:1': Number(big % 1_000_000_000n),
        }),
      ],
    };
    const [record] = recordsFromSeries(series, schema, lows).records;
    expect(record?.version).toBe(big);
    expect(record?.measure).toEqual({ kind: 'single', type: 'BIGINT', value: big.toString() });
  });

  it('reads a MULTI point, typing its measures from the schema and _timestamp_measures', () => {
    const at = 1_700_000_000_123_456_789n;
    const series = {
      name: 'm',
      columns,
      values: [
        row({
          time: '2023-11-14T22:13:20Z',
          _timestamp_measures: '["at"]',
          _version: 1,
          measure_name: 'reading',
          power: 3,
          rpm: 14,
          '%low:2': 14,
          at: Number(at),
          '%low:3': Number(at % 1_000_000_000n),
          'note%0A': 'a "b"',
          on: false,
          turbine_id: '',
        }),
      ],
    };
    const [record] = recordsFromSeries(series, schema, lows).records;
    expect(record?.dimensions).toEqual([]);
    expect(record?.measure).toEqual({
      kind: 'multi',
      values: [
        { name: 'at', type: 'TIMESTAMP', value: at.toString() },
        { name: 'note\n', type: 'VARCHAR', value: 'a "b"' },
        { name: 'on', type: 'BOOLEAN', value: 'false' },
        { name: 'power', type: 'DOUBLE', value: '3' },
        { name: 'rpm', type: 'BIGINT', value: '14' },
      ],
    });
  });

  it('skips points without measure_name or measures, and reports columns it does not know', () => {
    const series = {
      name: 'm',
      columns: [...columns, 'surprise'],
      values: [
        [...row({ time: '2023-11-14T22:13:20Z', power: 1 }), null],
        [...row({ time: '2023-11-14T22:13:20Z', measure_name: 'x', _version: 1 }), 5],
      ],
    };
    expect(recordsFromSeries(series, schema, lows)).toEqual({
      records: [],
      unknownColumns: ['surprise'],
    });
  });
});
