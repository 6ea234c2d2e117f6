import { describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../../../../app/src/storage/memory/index.js';
import { parseDescribe } from '../../../../app/src/storage/timestream/schema.js';
import { ConflictException, ValidationException } from '../protocol/errors.js';
import { handleCancelQuery, handleQuery } from './index.js';
import { contextOf, DAY_MS, HOUR_MS, multi, record, sql } from './testing.js';

const NOW = Date.UTC(2024, 0, 2);

async function setup(count = 5) {
  const store = new InMemoryTelemetryStore();
  await store.write(
    { database: 'wind', table: 'telemetry' },
    Array.from({ length: count }, (_, i) =>
      record({ dims: { turbine_id: `T${i}` }, timeMs: NOW - (i + 1) * 60_000, value: i }),
    ),
  );
  const ctx = contextOf(
    store,
    [
      { databaseName: 'wind', tableName: 'telemetry', retentionMs: DAY_MS },
      { databaseName: 'wind', tableName: 'empty', retentionMs: DAY_MS },
      { databaseName: 'other', tableName: 'x', retentionMs: DAY_MS },
    ],
    NOW,
  );
  return { store, ctx };
}

const Q = 'SELECT turbine_id FROM wind.telemetry ORDER BY time';

describe('handleQuery: the response', () => {
  it('has a QueryId, ColumnInfo, Rows and a QueryStatus metering at least 10 MB', async () => {
    const { ctx } = await setup(1);
    const response = await handleQuery({ QueryString: Q }, ctx);
    expect(response.QueryId).toMatch(/^[a-zA-Z0-9]{1,64}$/);
    expect(response).toMatchObject({
      ColumnInfo: [{ Name: 'turbine_id', Type: { ScalarType: 'VARCHAR' } }],
      Rows: [{ Data: [{ ScalarValue: 'T0' }] }],
      QueryStatus: { ProgressPercentage: 100, CumulativeBytesMetered: 10_000_000 },
    });
    expect(response.QueryStatus.CumulativeBytesScanned).toBeGreaterThan(0);
    expect(response.NextToken).toBeUndefined();
  });
});

describe('handleQuery: paging', () => {
  it('returns MaxRows rows a page and a NextToken that resumes, under the same QueryId', async () => {
    const { ctx } = await setup(5);
    const first = await handleQuery({ QueryString: Q, MaxRows: 2 }, ctx);
    const second = await handleQuery(
      { QueryString: Q, MaxRows: 2, NextToken: first.NextToken },
      ctx,
    );
    const third = await handleQuery(
      { QueryString: Q, MaxRows: 2, NextToken: second.NextToken },
      ctx,
    );
    expect([first, second, third].map((p) => p.Rows.length)).toEqual([2, 2, 1]);
    expect(third.NextToken).toBeUndefined();
    expect(new Set([first.QueryId, second.QueryId, third.QueryId]).size).toBe(1);
    expect((await sql(ctx, Q, 2)).rows.flat()).toEqual(['T4', 'T3', 'T2', 'T1', 'T0']);
  });

  it('serves later pages from the finished result, not a new run', async () => {
    const { store, ctx } = await setup(3);
    const first = await handleQuery({ QueryString: Q, MaxRows: 2 }, ctx);
    await store.write({ database: 'wind', table: 'telemetry' }, [
      record({ dims: { turbine_id: 'new' }, timeMs: NOW }),
    ]);
    const second = await handleQuery(
      { QueryString: Q, MaxRows: 2, NextToken: first.NextToken },
      ctx,
    );
    expect(second.Rows.map((r) => r.Data[0])).toEqual([{ ScalarValue: 'T0' }]);
  });

  it('refuses a NextToken with another QueryString, or not ours', async () => {
    const { ctx } = await setup(3);
    const first = await handleQuery({ QueryString: Q, MaxRows: 1 }, ctx);
    const other = handleQuery({ QueryString: `${Q} DESC`, NextToken: first.NextToken }, ctx);
    await expect(other).rejects.toThrow(new ValidationException('Invalid pagination token'));
    await expect(handleQuery({ QueryString: Q, NextToken: 'AYABeNope' }, ctx)).rejects.toThrow(
      'Invalid pagination token',
    );
  });

  it('refuses an expired NextToken (results are kept one hour)', async () => {
    const { ctx } = await setup(3);
    const first = await handleQuery({ QueryString: Q, MaxRows: 1 }, ctx);
    const later = { ...ctx, now: () => NOW + HOUR_MS };
    await expect(
      handleQuery({ QueryString: Q, NextToken: first.NextToken }, later),
    ).rejects.toThrow('Invalid pagination token');
  });

  it('validates the request members as the model constrains them', async () => {
    const { ctx } = await setup(1);
    await expect(handleQuery({ QueryString: Q, MaxRows: 0 }, ctx)).rejects.toThrow(
      "1 validation error detected: Value '0' at 'maxRows' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await expect(handleQuery({ QueryString: Q, MaxRows: 1001 }, ctx)).rejects.toThrow(
      /less than or equal to 1000/,
    );
    await expect(handleQuery({ QueryString: '' }, ctx)).rejects.toThrow(
      /'queryString'.*length greater than or equal to 1/,
    );
    await expect(handleQuery({}, ctx)).rejects.toThrow(/Value null at 'queryString'/);
  });
});

describe('handleCancelQuery', () => {
  it('cancels a query: later pages are refused with a ConflictException; a repeat says so', async () => {
    const { ctx } = await setup(3);
    const first = await handleQuery({ QueryString: Q, MaxRows: 1 }, ctx);
    expect(await handleCancelQuery({ QueryId: first.QueryId }, ctx)).toEqual({});
    const poll = handleQuery({ QueryString: Q, NextToken: first.NextToken }, ctx);
    await expect(poll).rejects.toThrow(ConflictException);
    await expect(poll).rejects.toThrow('Unable to poll results for a cancelled query');
    expect(await handleCancelQuery({ QueryId: first.QueryId }, ctx)).toEqual({
      CancellationMessage: `Query ${first.QueryId} has already been cancelled.`,
    });
  });

  it('refuses an id it never issued, and a malformed one', async () => {
    const { ctx } = await setup(1);
    await expect(handleCancelQuery({ QueryId: 'AENEVER' }, ctx)).rejects.toThrow(
      ValidationException,
    );
    await expect(handleCancelQuery({ QueryId: 'not-valid!' }, ctx)).rejects.toThrow(
      /at 'queryId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
  });
});

describe('handleQuery: tables', () => {
  it('answers a missing database or table as Timestream does', async () => {
    const { ctx } = await setup(1);
    await expect(sql(ctx, 'SELECT * FROM "abc"."sampleDB" LIMIT 10')).rejects.toThrow(
      new ValidationException(
        "Requested database 'abc' not found for identifier 'abc.sampleDB' at line 1:15",
      ),
    );
    await expect(sql(ctx, 'SELECT * FROM wind.nope')).rejects.toThrow(
      "Requested table 'nope' not found for identifier 'wind.nope' at line 1:15",
    );
  });

  it('never returns records past the retention', async () => {
    const { store, ctx } = await setup(1);
    await store.write({ database: 'wind', table: 'telemetry' }, [
      record({ dims: { turbine_id: 'old' }, timeMs: NOW - DAY_MS - 1 }),
    ]);
    expect((await sql(ctx, 'SELECT turbine_id FROM wind.telemetry')).rows).toEqual([['T0']]);
  });

  it('lists databases and tables, with LIKE', async () => {
    const { ctx } = await setup(1);
    expect(await sql(ctx, 'SHOW DATABASES')).toMatchObject({
      columns: [{ name: 'Database', type: 'VARCHAR' }],
      rows: [['other'], ['wind']],
    });
    expect((await sql(ctx, "SHOW TABLES FROM wind LIKE 'tele%'")).rows).toEqual([['telemetry']]);
    await expect(sql(ctx, 'SHOW TABLES FROM nope')).rejects.toThrow(
      /Database 'nope' does not exist/,
    );
  });

  it('DESCRIBEs a table in the shape the SDK adapter parses', async () => {
    const { store, ctx } = await setup(1);
    await store.write({ database: 'wind', table: 'telemetry' }, [
      record({
        dims: { project: 'P' },
        name: 'r',
        timeMs: NOW - 1,
        measure: multi({ power_kw: ['DOUBLE', '1'], at: ['TIMESTAMP', '5'] }),
      }),
    ]);
    const response = await handleQuery({ QueryString: 'DESCRIBE "wind"."telemetry"' }, ctx);
    const schema = parseDescribe(response.ColumnInfo, response.Rows);
    expect([...schema.values()]).toEqual([
      { name: 'turbine_id', type: 'varchar', attribute: 'DIMENSION' },
      { name: 'project', type: 'varchar', attribute: 'DIMENSION' },
      { name: 'measure_name', type: 'varchar', attribute: 'MEASURE_NAME' },
      { name: 'time', type: 'timestamp', attribute: 'TIMESTAMP' },
      { name: 'measure_value::double', type: 'double', attribute: 'MEASURE_VALUE' },
      { name: 'power_kw', type: 'double', attribute: 'MULTI' },
      { name: 'at', type: 'timestamp', attribute: 'MULTI' },
    ]);
  });

  it('knows only measure_name and time of a table without records', async () => {
    const { ctx } = await setup(1);
    expect((await sql(ctx, 'SELECT * FROM wind.empty')).columns.map((c) => c.name)).toEqual([
      'measure_name',
      'time',
    ]);
  });
});
