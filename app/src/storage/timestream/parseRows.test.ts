import type { QueryResponse } from '@aws-sdk/client-timestream-query';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures/timestream/fixture.js';
import { parseRows, unknownColumns } from './parseRows.js';
import { parseDescribe, type ColumnSchema, type TableSchema } from './schema.js';

const body = (name: string) => fixture<QueryResponse>(name);
const schemaOf = (entries: [string, string, string][]): TableSchema =>
  new Map(
    entries.map(([name, type, attribute]): [string, ColumnSchema] => [
      name,
      { name, type, attribute },
    ]),
  );
const parse = (response: QueryResponse, schema: TableSchema) =>
  parseRows(response.ColumnInfo ?? [], response.Rows ?? [], schema);

describe('parseRows on recorded responses', () => {
  it('reads a single DOUBLE measure in exponent form and skips NullValue cells (signalk)', () => {
    const schema = schemaOf([['context', 'varchar', 'DIMENSION']]);
    expect(parse(body('query.select.signalk.json'), schema)).toEqual([
      {
        dimensions: [{ name: 'context', value: 'urn:mrn:imo:mmsi:368107960' }],
        measureName: 'navigation.courseRhumbline.nextPoint.distance',
        time: 1_602_953_990_892_000_000n,
        version: 1n,
        measure: { kind: 'single', type: 'DOUBLE', value: '4.294967167E7' },
      },
    ]);
  });

  it('reads a VARCHAR measure next to a null DOUBLE column (twinmaker)', () => {
    const schema = schemaOf([['TelemetryAssetId', 'varchar', 'DIMENSION']]);
    const [record] = parse(body('query.select.twinmaker.json'), schema);
    expect(record?.measure).toEqual({ kind: 'single', type: 'VARCHAR', value: 'NORMAL' });
    expect(record?.time).toBe(1_646_426_606_827_000_000n);
  });
});

describe('parseRows on the scripted test table', () => {
  const describeBody = body('query.describe.turbines.json');
  const schema = parseDescribe(describeBody.ColumnInfo ?? [], describeBody.Rows ?? []);

  it('builds multi-measure records sorted by name, with TIMESTAMP values in ns', () => {
    const [, multi] = parse(body('query.select.turbines.page1.json'), schema);
    expect(multi).toEqual({
      dimensions: [
        { name: 'project', value: 'Windpark Noord' },
        { name: 'turbine_id', value: 'NL-0001' },
      ],
      measureName: 'reading',
      time: 1_700_000_002_500_000_000n,
      version: 1n,
      measure: {
        kind: 'multi',
        values: [
          { name: 'power_kw', type: 'DOUBLE', value: '1532.25' },
          { name: 'sampled_at', type: 'TIMESTAMP', value: '1700000000000000000' },
          { name: 'status', type: 'VARCHAR', value: 'running, "ok"' },
        ],
      },
    });
  });

  it('keeps a VARCHAR multi attribute out of the dimensions because DESCRIBE says MULTI', () => {
    const records = parse(body('query.select.turbines.page1.json'), schema);
    expect(records.flatMap((r) => r.dimensions.map((d) => d.name))).not.toContain('status');
  });

  it('names the columns the schema does not know', () => {
    const response = body('query.select.turbines.page1.json');
    expect(unknownColumns(response.ColumnInfo ?? [], schema)).toEqual([]);
    expect(unknownColumns(response.ColumnInfo ?? [], schemaOf([]))).toEqual([
      'project',
      'turbine_id',
      'power_kw',
      'status',
      'sampled_at',
    ]);
  });

  it('falls back to VARCHAR-means-dimension for a column DESCRIBE does not list', () => {
    const [first] = parse(body('query.select.turbines.page1.json'), schemaOf([]));
    expect(first?.dimensions.map((d) => d.name)).toEqual(['project', 'turbine_id']);
  });
});
