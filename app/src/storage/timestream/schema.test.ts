import type { QueryResponse } from '@aws-sdk/client-timestream-query';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures/timestream/fixture.js';
import { parseDescribe, SchemaCache, type TableSchema } from './schema.js';

const describeOf = (name: string) => {
  const body = fixture<QueryResponse>(name);
  return parseDescribe(body.ColumnInfo ?? [], body.Rows ?? []);
};

describe('parseDescribe', () => {
  it('reads dimensions and MEASURE_VALUE columns of a single-measure table', () => {
    const schema = describeOf('query.describe.devops-single.json');
    expect(schema.get('availability_zone')).toEqual({
      name: 'availability_zone',
      type: 'varchar',
      attribute: 'DIMENSION',
    });
    expect(schema.get('measure_value::bigint')?.attribute).toBe('MEASURE_VALUE');
    expect(schema.get('time')?.attribute).toBe('TIMESTAMP');
    expect(schema.size).toBe(15);
  });

  it('tells a VARCHAR multi-measure attribute from a dimension', () => {
    const schema = describeOf('query.describe.devops-multi.json');
    expect(schema.get('task_end_state')).toEqual({
      name: 'task_end_state',
      type: 'varchar',
      attribute: 'MULTI',
    });
    expect(schema.get('instance_type')?.attribute).toBe('DIMENSION');
    expect(schema.get('task_completed')?.type).toBe('bigint');
  });
});

describe('SchemaCache', () => {
  const table = { database: 'db', table: 't' };
  const empty: TableSchema = new Map();

  it('loads a table once, and again on refresh', async () => {
    let loads = 0;
    const cache = new SchemaCache(async () => {
      loads += 1;
      return empty;
    });
    await cache.get(table);
    await cache.get({ ...table });
    expect(loads).toBe(1);
    await cache.refresh(table);
    expect(loads).toBe(2);
    await cache.get({ database: 'db', table: 'other' });
    expect(loads).toBe(3);
  });

  it('does not keep a failed load', async () => {
    let loads = 0;
    const cache = new SchemaCache(async () => {
      loads += 1;
      if (loads === 1) throw new Error('throttled');
      return empty;
    });
    await expect(cache.get(table)).rejects.toThrow('throttled');
    await expect(cache.get(table)).resolves.toBe(empty);
    expect(loads).toBe(2);
  });
});
