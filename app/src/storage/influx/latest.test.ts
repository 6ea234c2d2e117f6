import { describe, expect, it } from 'vitest';
import { StorageError } from '../TelemetryStore.js';
import { allEqual } from './influxql.js';
import { buildLatest } from './latest.js';
import type { MeasurementSchema } from './schema.js';

const table = { database: 'wind"db', table: 'tele\nmetry' };
const schema: MeasurementSchema = {
  fields: new Map([
    ['_version', ['integer']],
    ['power_kw', ['float']],
    ['rotor_rpm', ['integer']],
    ['measure_value::double', ['float']],
    ['kw "x"%0A', ['float']],
    ['mixed', ['float', 'integer']],
  ]),
  tags: new Set(['turbine_id', 'measure_name']),
};
const selection = { from: 1n, to: 10n };

describe('buildLatest', () => {
  it('takes the newest point of each group, with _version so that every point counts', () => {
    const query = {
      ...selection,
      groupBy: ['site', 'turbine_id'],
      measures: ['power_kw', 'rotor_rpm', 'measure_value::double', 'power_kw', 'nope'],
    };

    const { statement, aliases } = buildLatest(table, schema, query, selection);

    expect(statement).toBe(
      'SELECT "_version"::field AS "version", "power_kw"::field AS "m0",' +
        ' "measure_value::double"::field AS "m1" FROM "wind\\"db".."tele%0Ametry"' +
        ' WHERE time >= 1 AND time < 10 GROUP BY "site", "turbine_id" ORDER BY time DESC LIMIT 1',
    );
    expect([...aliases]).toEqual([
      ['power_kw', 'm0'],
      ['measure_value::double', 'm1'],
    ]);
  });

  it('quotes hostile names and values as stored', () => {
    const conditions = [allEqual([['turbine_id', "A' OR '1'='1"]])];
    const query = { ...selection, groupBy: ['site "x"\n'], measures: ['kw "x"\n'] };

    const { statement } = buildLatest(table, schema, query, { ...selection, conditions });

    expect(statement).toBe(
      'SELECT "_version"::field AS "version", "kw \\"x\\"%0A"::field AS "m0"' +
        ' FROM "wind\\"db".."tele%0Ametry"' +
        " WHERE time >= 1 AND time < 10 AND (\"turbine_id\" = 'A\\' OR \\'1\\'=\\'1')" +
        ' GROUP BY "site \\"x\\"%0A" ORDER BY time DESC LIMIT 1',
    );
  });

  it('refuses a measure stored as a float in some shards and another type in others', () => {
    const query = { ...selection, groupBy: ['turbine_id'], measures: ['mixed'] };

    expect(() => buildLatest(table, schema, query, selection)).toThrow(StorageError);
  });
});
