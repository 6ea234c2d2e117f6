import {
  CancelQueryCommand,
  ConflictException,
  paginateQuery,
  QueryCommand,
  TimestreamQueryClient,
  ValidationException as QueryValidationException,
  type ColumnInfo,
  type Row,
} from '@aws-sdk/client-timestream-query';
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  TimestreamWriteClient,
  WriteRecordsCommand,
  type _Record,
} from '@aws-sdk/client-timestream-write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../../app/src/storage/memory/index.js';
import type { TelemetryRecord } from '../../app/src/telemetry/record.js';
import { ValidationException } from '../../emulator/src/timestream/protocol/errors.js';
import type { QueryContext } from '../../emulator/src/timestream/query/index.js';
import {
  contextOf,
  DAY_MS,
  HOUR_MS,
  multi,
  record,
  sql,
} from '../../emulator/src/timestream/query/testing.js';
import {
  startTimestreamServer,
  type TimestreamServer,
} from '../../emulator/src/timestream/index.js';

/**
 * The Timestream Query engine as an analyst uses it: every construct of issue 4's list over a
 * day and a half of turbine telemetry (multi-measure readings plus single-measure records of each
 * type) in the in-memory store, through `handleQuery`; then the same engine behind the windtunnel
 * server, driven by the real @aws-sdk/client-timestream-query with MaxRows paging. Expected
 * values are computed from the generated records, not written by hand.
 */
const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);
const MIN = 60_000;
const TURBINES = ['NL-0001', 'NL-0002', 'DE-0003'];
const project = (t: string) => (t.startsWith('NL') ? 'Windpark Noord' : 'Windpark Ost');

/** One reading per turbine every 10 minutes for 36 hours; DE-0003 sends no status. */
function readings(): TelemetryRecord[] {
  const out: TelemetryRecord[] = [];
  for (let i = 0; i < 36 * 6; i++) {
    const timeMs = NOW - 36 * HOUR_MS + i * 10 * MIN + 30_000;
    TURBINES.forEach((t, k) => {
      const values: Record<string, [string, string]> = {
        power_kw: ['DOUBLE', String(1000 + 100 * k + (i % 7))],
        rotor_rpm: ['BIGINT', String(10 + k)],
        curtailed: ['BOOLEAN', i % 5 === 0 ? 'true' : 'false'],
      };
      if (k < 2) values['status'] = ['VARCHAR', i % 2 === 0 ? 'running' : 'idle'];
      out.push(
        record({
          dims: { turbine_id: t, project: project(t) },
          name: 'reading',
          timeMs,
          measure: multi(values),
        }),
      );
    });
  }
  return out;
}

/** Single-measure records, one of each type, in the last hour. */
function singles(): TelemetryRecord[] {
  const dims = { turbine_id: 'NL-0001', project: 'Windpark Noord' };
  return [
    record({
      dims,
      name: 'wind_speed',
      timeMs: NOW - 50 * MIN,
      measure: { kind: 'single', type: 'DOUBLE', value: '7.25' },
    }),
    record({
      dims,
      name: 'wind_speed',
      timeMs: NOW - 40 * MIN,
      measure: { kind: 'single', type: 'DOUBLE', value: '42949671.67' },
    }),
    record({
      dims,
      name: 'alarms',
      timeMs: NOW - 30 * MIN,
      measure: { kind: 'single', type: 'BIGINT', value: '3' },
    }),
    record({
      dims,
      name: 'label',
      timeMs: NOW - 20 * MIN,
      measure: { kind: 'single', type: 'VARCHAR', value: 'it\'s "x"' },
    }),
    record({
      dims,
      name: 'online',
      timeMs: NOW - 10 * MIN,
      measure: { kind: 'single', type: 'BOOLEAN', value: 'true' },
    }),
  ];
}

const ALL = [...readings(), ...singles()];
const ns = (ms: number) => BigInt(ms) * 1_000_000n;
const inLastDay = (r: TelemetryRecord) => r.time > ns(NOW - DAY_MS);
const measure = (r: TelemetryRecord, name: string) =>
  r.measure.kind === 'multi' ? r.measure.values.find((v) => v.name === name)?.value : undefined;
const dim = (r: TelemetryRecord, name: string) => r.dimensions.find((d) => d.name === name)?.value;
const javaDouble = (n: number) => (Number.isInteger(n) ? `${n}.0` : String(n));

describe('Timestream Query engine over the memory store (handleQuery)', () => {
  let ctx: QueryContext;

  beforeAll(async () => {
    const store = new InMemoryTelemetryStore();
    await store.write({ database: 'wind', table: 'telemetry' }, ALL);
    await store.write({ database: 'wind', table: 'short' }, readings());
    ctx = contextOf(
      store,
      [
        { databaseName: 'wind', tableName: 'telemetry', retentionMs: 7 * DAY_MS },
        { databaseName: 'wind', tableName: 'short', retentionMs: 2 * HOUR_MS },
        { databaseName: 'wind-2', tableName: 'fleet', retentionMs: DAY_MS },
      ],
      NOW,
    );
  });

  describe('SELECT and FROM', () => {
    it('SELECT * lists dimensions, measure_name, time, then measures, with NULL for absent cells', async () => {
      const t = await sql(ctx, 'SELECT * FROM "wind"."telemetry" WHERE time > ago(15m)');
      expect(t.columns).toEqual([
        { name: 'project', type: 'VARCHAR' },
        { name: 'turbine_id', type: 'VARCHAR' },
        { name: 'measure_name', type: 'VARCHAR' },
        { name: 'time', type: 'TIMESTAMP' },
        { name: 'power_kw', type: 'DOUBLE' },
        { name: 'rotor_rpm', type: 'BIGINT' },
        { name: 'curtailed', type: 'BOOLEAN' },
        { name: 'status', type: 'VARCHAR' },
        { name: 'measure_value::double', type: 'DOUBLE' },
        { name: 'measure_value::bigint', type: 'BIGINT' },
        { name: 'measure_value::varchar', type: 'VARCHAR' },
        { name: 'measure_value::boolean', type: 'BOOLEAN' },
      ]);
      const online = t.rows.find((r) => r[2] === 'online');
      expect(online).toEqual([
        'Windpark Noord',
        'NL-0001',
        'online',
        '2024-06-01 11:50:00.000000000',
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        'true',
      ]);
      const de = t.rows.find((r) => r[1] === 'DE-0003');
      expect(de?.[7]).toBeNull();
    });

    it('selects named columns with aliases from a bare db.table', async () => {
      const t = await sql(
        ctx,
        "SELECT turbine_id AS id, power_kw kw FROM wind.telemetry WHERE time > ago(10m) AND turbine_id = 'NL-0002'",
      );
      expect(t.columns.map((c) => c.name)).toEqual(['id', 'kw']);
      expect(t.rows).toHaveLength(1);
    });

    it('reads every measure_value::<type> column and multi-measure columns by name', async () => {
      const t = await sql(
        ctx,
        'SELECT measure_name, measure_value::double, measure_value::bigint, measure_value::varchar, "measure_value::boolean" ' +
          "FROM wind.telemetry WHERE measure_name IN ('wind_speed', 'alarms', 'label', 'online') ORDER BY time",
      );
      expect(t.rows).toEqual([
        ['wind_speed', '7.25', null, null, null],
        ['wind_speed', '4.294967167E7', null, null, null],
        ['alarms', null, '3', null, null],
        ['label', null, null, 'it\'s "x"', null],
        ['online', null, null, null, 'true'],
      ]);
    });

    it('quotes a database name that needs it', async () => {
      expect((await sql(ctx, 'SELECT count(*) FROM "wind-2"."fleet"')).rows).toEqual([['0']]);
    });
  });

  describe('WHERE', () => {
    it('ago(24h) keeps the last day only', async () => {
      const t = await sql(ctx, 'SELECT count(*) FROM wind.telemetry WHERE time > ago(24h)');
      expect(t.rows).toEqual([[String(ALL.filter(inLastDay).length)]]);
    });

    it('takes the time forms the SDK adapter and analysts write', async () => {
      const start = NOW - 2 * HOUR_MS;
      const expected = String(
        ALL.filter((r) => r.time >= ns(start) && r.time < ns(NOW - HOUR_MS)).length,
      );
      for (const where of [
        "time >= TIMESTAMP '2024-06-01 10:00:00' AND time < TIMESTAMP '2024-06-01 11:00:00.000000000'",
        "time >= from_iso8601_timestamp('2024-06-01T10:00:00Z') AND time < from_iso8601_timestamp('2024-06-01T13:00:00+02:00')",
        `time >= from_milliseconds(${start}) AND time < from_milliseconds(${NOW - HOUR_MS})`,
        'time >= now() - 2h AND time < current_timestamp - 60m',
        "time >= ago(1d) + 22h AND time < ago(3600s) AND time <= now() - parse_duration('1h')",
        'time BETWEEN ago(2h) AND ago(1h) - 1ns',
      ]) {
        expect(
          (await sql(ctx, `SELECT count(*) FROM wind.telemetry WHERE ${where}`)).rows,
          where,
        ).toEqual([[expected]]);
      }
    });

    it('compares dimensions, measure_name, measures and time with = != <> < <= > >=', async () => {
      const day = ALL.filter(inLastDay);
      const count = (f: (r: TelemetryRecord) => boolean) => [[String(day.filter(f).length)]];
      const q = (w: string) =>
        sql(ctx, `SELECT count(*) FROM wind.telemetry WHERE time > ago(1d) AND (${w})`).then(
          (t) => t.rows,
        );
      expect(await q("turbine_id = 'NL-0001'")).toEqual(
        count((r) => dim(r, 'turbine_id') === 'NL-0001'),
      );
      expect(await q("turbine_id != 'NL-0001'")).toEqual(
        count((r) => dim(r, 'turbine_id') !== 'NL-0001'),
      );
      expect(await q("measure_name <> 'reading'")).toEqual(
        count((r) => r.measureName !== 'reading'),
      );
      expect(await q('power_kw >= 1203')).toEqual(
        count((r) => Number(measure(r, 'power_kw')) >= 1203),
      );
      expect(await q('rotor_rpm < 11')).toEqual(
        count((r) => Number(measure(r, 'rotor_rpm') ?? 99) < 11),
      );
      expect(await q('power_kw <= 1001 OR power_kw > 1205')).toEqual(
        count((r) => {
          const p = Number(measure(r, 'power_kw') ?? NaN);
          return p <= 1001 || p > 1205;
        }),
      );
      expect(await q("time < TIMESTAMP '2024-06-01 00:00:00'")).toEqual(
        count((r) => r.time < ns(Date.UTC(2024, 5, 1))),
      );
    });

    it('AND, OR, NOT, parentheses, IN, IS NULL, IS NOT NULL, LIKE', async () => {
      const q = (w: string) =>
        sql(ctx, `SELECT DISTINCT turbine_id FROM wind.telemetry WHERE ${w} ORDER BY 1`).then((t) =>
          t.rows.flat(),
        );
      expect(
        await q("(turbine_id = 'NL-0001' OR turbine_id = 'DE-0003') AND NOT curtailed"),
      ).toEqual(['DE-0003', 'NL-0001']);
      expect(await q("turbine_id IN ('NL-0002', 'DE-0003', 'XX')")).toEqual(['DE-0003', 'NL-0002']);
      expect(await q("measure_name = 'reading' AND status IS NULL")).toEqual(['DE-0003']);
      expect(await q('status IS NOT NULL')).toEqual(['NL-0001', 'NL-0002']);
      expect(await q("project LIKE '%Noord' AND turbine_id NOT LIKE '%1'")).toEqual(['NL-0002']);
    });
  });

  describe('aggregates, bin, GROUP BY, ORDER BY, LIMIT', () => {
    it('avg, sum, min, max, count(col), count(*) per turbine, ignoring NULLs', async () => {
      const t = await sql(
        ctx,
        'SELECT turbine_id, avg(power_kw) AS avg_kw, sum(rotor_rpm), min(power_kw), max(power_kw), count(status), count(*) ' +
          'FROM wind.telemetry WHERE time > ago(24h) GROUP BY turbine_id ORDER BY turbine_id',
      );
      expect(t.columns.map((c) => c.type)).toEqual([
        'VARCHAR',
        'DOUBLE',
        'BIGINT',
        'DOUBLE',
        'DOUBLE',
        'BIGINT',
        'BIGINT',
      ]);
      const expected = [...TURBINES].sort().map((id) => {
        const rs = ALL.filter((r) => inLastDay(r) && dim(r, 'turbine_id') === id);
        const kw = rs
          .map((r) => measure(r, 'power_kw'))
          .filter((v) => v !== undefined)
          .map(Number);
        const rpm = rs
          .map((r) => measure(r, 'rotor_rpm'))
          .filter((v) => v !== undefined)
          .map(Number);
        return [
          id,
          javaDouble(kw.reduce((a, b) => a + b, 0) / kw.length),
          String(rpm.reduce((a, b) => a + b, 0)),
          javaDouble(Math.min(...kw)),
          javaDouble(Math.max(...kw)),
          String(rs.filter((r) => measure(r, 'status') !== undefined).length),
          String(rs.length),
        ];
      });
      expect(t.rows).toEqual(expected);
    });

    it('fleet power per 10 minutes: bin(time, 10m) in SELECT, GROUP BY by ordinal, ORDER BY alias DESC, LIMIT', async () => {
      const t = await sql(
        ctx,
        'SELECT bin(time, 10m) AS slot, sum(power_kw) AS fleet_kw FROM "wind"."telemetry" ' +
          "WHERE time > ago(24h) AND measure_name = 'reading' GROUP BY 1 ORDER BY slot DESC LIMIT 3",
      );
      expect(t.columns).toEqual([
        { name: 'slot', type: 'TIMESTAMP' },
        { name: 'fleet_kw', type: 'DOUBLE' },
      ]);
      const slotMs = (r: TelemetryRecord) =>
        Number(r.time / 1_000_000n) - (Number(r.time / 1_000_000n) % (10 * MIN));
      const slots = new Map<number, number>();
      for (const r of ALL.filter((r) => inLastDay(r) && r.measureName === 'reading')) {
        slots.set(slotMs(r), (slots.get(slotMs(r)) ?? 0) + Number(measure(r, 'power_kw')));
      }
      const top = [...slots].sort(([a], [b]) => b - a).slice(0, 3);
      expect(t.rows).toEqual(
        top.map(([ms, kw]) => [
          new Date(ms).toISOString().replace('T', ' ').replace('Z', '000000'),
          javaDouble(kw),
        ]),
      );
    });

    it('groups by an expression and by an alias alike, and orders by an expression and NULLS FIRST', async () => {
      const byExpr = await sql(
        ctx,
        'SELECT bin(time, 1h), count(*) FROM wind.telemetry WHERE time > ago(3h) GROUP BY bin(time, 1h) ORDER BY bin(time, 1h)',
      );
      const byAlias = await sql(
        ctx,
        'SELECT bin(time, 1h) AS h, count(*) FROM wind.telemetry WHERE time > ago(3h) GROUP BY h ORDER BY 1 ASC',
      );
      expect(byAlias.rows).toEqual(byExpr.rows);
      expect(byExpr.rows).toHaveLength(3);
      const t = await sql(
        ctx,
        'SELECT status FROM wind.telemetry WHERE time > ago(10m) ORDER BY status DESC NULLS FIRST',
      );
      expect(t.rows.flat()[0]).toBeNull();
    });
  });

  describe('SHOW and DESCRIBE', () => {
    it('SHOW DATABASES and SHOW TABLES FROM db [LIKE]', async () => {
      expect((await sql(ctx, 'SHOW DATABASES')).rows).toEqual([['wind'], ['wind-2']]);
      expect((await sql(ctx, 'SHOW TABLES FROM wind')).rows).toEqual([['short'], ['telemetry']]);
      expect((await sql(ctx, "SHOW TABLES FROM wind LIKE 'tele%'")).rows).toEqual([['telemetry']]);
    });

    it('DESCRIBE gives Column, Type and Timestream attribute type', async () => {
      const t = await sql(ctx, 'DESCRIBE "wind"."telemetry"');
      expect(t.columns.map((c) => c.name)).toEqual(['Column', 'Type', 'Timestream attribute type']);
      expect(t.rows).toEqual([
        ['project', 'varchar', 'DIMENSION'],
        ['turbine_id', 'varchar', 'DIMENSION'],
        ['measure_name', 'varchar', 'MEASURE_NAME'],
        ['time', 'timestamp', 'TIMESTAMP'],
        ['power_kw', 'double', 'MULTI'],
        ['rotor_rpm', 'bigint', 'MULTI'],
        ['curtailed', 'boolean', 'MULTI'],
        ['status', 'varchar', 'MULTI'],
        ['measure_value::double', 'double', 'MEASURE_VALUE'],
        ['measure_value::bigint', 'bigint', 'MEASURE_VALUE'],
        ['measure_value::varchar', 'varchar', 'MEASURE_VALUE'],
        ['measure_value::boolean', 'boolean', 'MEASURE_VALUE'],
      ]);
    });
  });

  describe('retention, missing tables, refusals', () => {
    it('never returns records older than the table retention', async () => {
      const t = await sql(ctx, 'SELECT count(*), min(time) FROM wind.short');
      const kept = readings().filter((r) => r.time >= ns(NOW - 2 * HOUR_MS));
      expect(t.rows).toEqual([[String(kept.length), '2024-06-01 10:00:30.000000000']]);
    });

    it('answers a missing database or table with a ValidationException', async () => {
      await expect(sql(ctx, 'SELECT * FROM nope.telemetry')).rejects.toThrow(ValidationException);
      await expect(sql(ctx, 'DESCRIBE wind.nope')).rejects.toThrow(
        "Requested table 'nope' not found for identifier 'wind.nope'",
      );
    });

    it('refuses an unknown column and unsupported SQL by name', async () => {
      await expect(sql(ctx, 'SELECT vehicleName FROM wind.telemetry')).rejects.toThrow(
        "line 1:8: Column 'vehicleName' does not exist",
      );
      await expect(
        sql(ctx, 'SELECT * FROM wind.telemetry t JOIN wind.short s ON t.time = s.time'),
      ).rejects.toThrow(/JOIN is not supported/);
      await expect(
        sql(ctx, 'SELECT turbine_id, rank() OVER (ORDER BY time) FROM wind.telemetry'),
      ).rejects.toThrow(/window function/);
    });
  });
});

describe('Timestream Query API through the AWS SDK v3 and the windtunnel server', () => {
  let server: TimestreamServer;
  let query: TimestreamQueryClient;
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

  beforeAll(async () => {
    server = await startTimestreamServer({
      store: new InMemoryTelemetryStore(),
      port: 0,
      now: () => NOW,
    });
    const write = new TimestreamWriteClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials,
    });
    await write.send(new CreateDatabaseCommand({ DatabaseName: 'wind' }));
    await write.send(
      new CreateTableCommand({
        DatabaseName: 'wind',
        TableName: 'telemetry',
        RetentionProperties: {
          MemoryStoreRetentionPeriodInHours: 48,
          MagneticStoreRetentionPeriodInDays: 7,
        },
      }),
    );
    // A day of one reading a minute from each turbine, as the analyst's platform wrote it.
    const records: _Record[] = [];
    for (let i = 0; i < 24 * 60; i++) {
      for (const [k, t] of TURBINES.entries()) {
        records.push({
          Dimensions: [{ Name: 'turbine_id', Value: t }],
          MeasureName: 'reading',
          MeasureValueType: 'MULTI',
          MeasureValues: [
            { Name: 'power_kw', Value: String(1000 + k), Type: 'DOUBLE' },
            { Name: 'status', Value: 'running', Type: 'VARCHAR' },
          ],
          Time: String(NOW - DAY_MS + 30_000 + i * MIN),
          TimeUnit: 'MILLISECONDS',
        });
      }
    }
    for (let i = 0; i < records.length; i += 100) {
      await write.send(
        new WriteRecordsCommand({
          DatabaseName: 'wind',
          TableName: 'telemetry',
          Records: records.slice(i, i + 100),
        }),
      );
    }
    write.destroy();
    query = new TimestreamQueryClient({ endpoint: server.url, region: 'us-east-1', credentials });
  }, 120_000);

  afterAll(async () => {
    query?.destroy();
    await server?.close();
  });

  it('queries the last 24 hours with MaxRows paging and builds rows from ColumnInfo', async () => {
    const pages = paginateQuery(
      { client: query, pageSize: 1000 },
      {
        QueryString:
          'SELECT * FROM "wind"."telemetry" WHERE time > ago(24h) ORDER BY time, turbine_id',
      },
    );
    let columns: ColumnInfo[] = [];
    const rows: Record<string, string | null>[] = [];
    let pageCount = 0;
    for await (const page of pages) {
      pageCount++;
      columns = page.ColumnInfo ?? columns;
      for (const row of page.Rows ?? []) rows.push(toObject(columns, row));
      expect(page.Rows?.length ?? 0).toBeLessThanOrEqual(1000);
    }
    expect(pageCount).toBe(5);
    expect(rows).toHaveLength(24 * 60 * TURBINES.length);
    expect(rows[0]).toEqual({
      turbine_id: 'DE-0003',
      measure_name: 'reading',
      time: '2024-05-31 12:00:30.000000000',
      power_kw: '1002.0',
      status: 'running',
    });
  });

  it('answers an aggregate with typed columns', async () => {
    const result = await query.send(
      new QueryCommand({
        QueryString:
          'SELECT turbine_id, avg(power_kw) AS kw, count(*) AS n FROM "wind"."telemetry" WHERE time > ago(24h) GROUP BY turbine_id ORDER BY 1',
      }),
    );
    expect(result.ColumnInfo?.map((c) => c.Type?.ScalarType)).toEqual([
      'VARCHAR',
      'DOUBLE',
      'BIGINT',
    ]);
    expect(result.Rows?.map((r) => toObject(result.ColumnInfo ?? [], r))).toEqual([
      { turbine_id: 'DE-0003', kw: '1002.0', n: '1440' },
      { turbine_id: 'NL-0001', kw: '1000.0', n: '1440' },
      { turbine_id: 'NL-0002', kw: '1001.0', n: '1440' },
    ]);
    expect(result.QueryStatus).toMatchObject({
      ProgressPercentage: 100,
      CumulativeBytesMetered: 10_000_000,
    });
  });

  it('raises typed SDK exceptions: ValidationException for bad SQL, ConflictException after CancelQuery', async () => {
    await expect(
      query.send(new QueryCommand({ QueryString: 'SELECT nope FROM "wind"."telemetry"' })),
    ).rejects.toThrow(QueryValidationException);
    const QueryString = 'SELECT time FROM "wind"."telemetry"';
    const first = await query.send(new QueryCommand({ QueryString, MaxRows: 10 }));
    expect(await query.send(new CancelQueryCommand({ QueryId: first.QueryId }))).not.toHaveProperty(
      'CancellationMessage',
    );
    await expect(
      query.send(new QueryCommand({ QueryString, NextToken: first.NextToken })),
    ).rejects.toThrow(ConflictException);
  });
});

/** What the analyst's script did: one object per row, keyed by ColumnInfo names, NULL as null. */
function toObject(columns: ColumnInfo[], row: Row): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  columns.forEach((c, i) => {
    const datum = row.Data?.[i];
    out[c.Name ?? `_${i}`] = datum?.NullValue ? null : (datum?.ScalarValue ?? null);
  });
  return out;
}
