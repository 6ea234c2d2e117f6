import { describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../../../../app/src/storage/memory/index.js';
import { ValidationException } from '../protocol/errors.js';
import { handleQuery } from './index.js';
import { contextOf, DAY_MS, record } from './testing.js';

const NOW = Date.UTC(2024, 0, 2);

async function refusal(sql: string): Promise<ValidationException> {
  const store = new InMemoryTelemetryStore();
  await store.write({ database: 'db', table: 't' }, [
    record({ dims: { turbine_id: 'A' }, timeMs: NOW - 1000 }),
  ]);
  const ctx = contextOf(store, [{ databaseName: 'db', tableName: 't', retentionMs: DAY_MS }], NOW);
  const error = await handleQuery({ QueryString: sql }, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationException);
  return error as ValidationException;
}

describe('SQL outside the supported subset is refused, naming what', () => {
  it.each([
    ['SELECT * FROM db.t a JOIN db.u b ON a.x = b.x', /line 1:22: JOIN is not supported/],
    ['SELECT * FROM db.t, db.u', /line 1:19: A JOIN \(several tables in FROM\) is not supported/],
    ['SELECT * FROM db.t CROSS JOIN db.u', /line 1:20: JOIN is not supported/],
    ['SELECT * FROM (SELECT * FROM db.t)', /line 1:15: A subquery in FROM is not supported/],
    ['SELECT * FROM db.t WHERE x IN (SELECT 1)', /line 1:32: A subquery is not supported/],
    ['SELECT (SELECT 1)', /line 1:9: A subquery is not supported/],
    ['SELECT 1 UNION SELECT 2', /line 1:10: UNION is not supported/],
    [
      'WITH x AS (SELECT 1) SELECT * FROM x',
      /line 1:1: WITH \(common table expressions\) is not supported/,
    ],
    [
      'SELECT avg(x) OVER (PARTITION BY y) FROM db.t',
      /line 1:15: A window function \(OVER\) is not supported/,
    ],
    ['SELECT CASE WHEN 1 = 1 THEN 2 END', /line 1:8: CASE is not supported/],
    ["SELECT INTERVAL '1' HOUR", /INTERVAL '...' literal .* is not supported/],
    [
      'SELECT create_time_series(time, measure_value::double) FROM db.t',
      /Aggregate function 'create_time_series' is not supported/,
    ],
    [
      "SELECT date_format(time, '%Y') FROM db.t",
      /line 1:8: Function 'date_format' is not supported/,
    ],
    ['SELECT 1 FROM db.t OFFSET 5', /line 1:20: OFFSET is not supported/],
    ['SHOW MEASURES FROM db.t', /line 1:1: SHOW MEASURES is not supported/],
    ['SHOW TABLES', /SHOW TABLES without FROM <database> is not supported/],
    [
      'SELECT now() - time FROM db.t',
      /line 1:14: An INTERVAL value in the result is not supported/,
    ],
    ['SELECT CAST(1.5 AS varchar)', /CAST from double to varchar is not supported/],
    ['SELECT a IS DISTINCT FROM b FROM db.t', /IS \[NOT\] DISTINCT FROM is not supported/],
    ["UNLOAD (SELECT 1) TO 's3://b/'", /line 1:1: UNLOAD is not supported/],
  ])('%s', async (sql, message) => {
    expect((await refusal(sql)).message).toMatch(message);
  });

  it('answers an unknown function as Trino does', async () => {
    expect((await refusal('SELECT frobnicate(1)')).message).toBe(
      "line 1:8: Function 'frobnicate' not registered",
    );
  });

  it("answers an unknown column as Timestream does: Column 'x' does not exist", async () => {
    expect((await refusal('SELECT turbine_id, nope FROM db.t')).message).toBe(
      "line 1:20: Column 'nope' does not exist",
    );
  });

  it("refuses operators over types they do not take, in Trino's words", async () => {
    expect((await refusal("SELECT 1 FROM db.t WHERE time > '2024-01-01'")).message).toBe(
      'line 1:31: Cannot apply operator: timestamp > varchar',
    );
  });

  it('refuses aggregates in WHERE and non-grouped columns', async () => {
    expect((await refusal('SELECT 1 FROM db.t WHERE count(*) > 1')).message).toMatch(
      /^line 1:26: WHERE clause cannot contain aggregations/,
    );
    expect((await refusal('SELECT turbine_id, count(*) FROM db.t')).message).toBe(
      "line 1:8: 'turbine_id' must be an aggregate expression or appear in GROUP BY clause",
    );
  });
});
