import { describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '../../telemetry/record.js';
import { deleteStatements } from './collisions.js';
import { allEqual } from './influxql.js';
import type { PlannedWrite } from './plan.js';
import type { MeasurementSchema } from './schema.js';
import { buildSelect } from './select.js';

const table = { database: 'wind"db', table: 'tele\nmetry' };

describe('buildSelect', () => {
  it('selects the low part of every integer field, never of fields with other types', () => {
    const schema: MeasurementSchema = {
      fields: new Map([
        ['_version', ['integer']],
        ['power', ['float']],
        ['mixed', ['integer', 'string']],
        ['odd"key', ['integer']],
      ]),
      tags: new Set(),
    };
    const { statement, lowColumns } = buildSelect(table, schema, {
      from: 1n,
      to: 10n,
      conditions: [allEqual([['turbine_id', "A' OR '1'='1"]])],
      limit: 5,
    });
    expect(statement).toBe(
      'SELECT *, "_version" % 1000000000 AS "%low:0", "odd\\"key" % 1000000000 AS "%low:1"' +
        ' FROM "wind\\"db".."tele%0Ametry"' +
        " WHERE time >= 1 AND time < 10 AND (\"turbine_id\" = 'A\\' OR \\'1\\'=\\'1')" +
        ' LIMIT 5',
    );
    expect([...lowColumns]).toEqual([
      ['%low:0', '_version'],
      ['%low:1', 'odd"key'],
    ]);
  });
});

describe('deleteStatements', () => {
  it('deletes exactly the replaced point: its time, its tags, the other tag keys empty', () => {
    const record: TelemetryRecord = {
      dimensions: [{ name: 'turbine_id', value: "it's\\" }],
      measureName: 'power',
      time: 1_700_000_000_000_000_001n,
      version: 2n,
      measure: { kind: 'single', type: 'DOUBLE', value: '1' },
    };
    const write: PlannedWrite = { record, fields: [], indexes: [0] };
    const tagKeys = new Set(['turbine_id', 'measure_name', 'project']);
    expect(deleteStatements(table, [write], tagKeys)).toEqual([
      'DELETE FROM "tele%0Ametry" WHERE time = 1700000000000000001' +
        " AND (\"turbine_id\" = 'it\\'s%5C' AND \"measure_name\" = 'power' AND \"project\" = '')",
    ]);
  });
});
