import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE } from '../contract/telemetryStore.contract.js';
import { findInfluxd, startInfluxd, type InfluxdProcess } from '../helpers/influxd.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import {
  describeWithInflux,
  influxQuery,
  influxUrl,
  uniqueDatabaseName,
} from '../helpers/influxTest.js';

// End to end: real HTTP into the gateway shim, the app's Lambda handler through serverless-http,
// the influx adapter, and a real InfluxDB read back with raw InfluxQL.

const nowMs = () => Date.now();
const reading = (turbine: string, value: string, time: number, extra: object = {}) => ({
  Dimensions: [
    { Name: 'turbine_id', Value: turbine },
    { Name: 'project', Value: 'Windpark Noord' },
  ],
  MeasureName: 'power_kw',
  MeasureValue: value,
  Time: String(time),
  ...extra,
});

function startOn(url: string, database: string, extraEnv: Record<string, string> = {}) {
  return startTestStack({ INFLUX_URL: url, INFLUX_DATABASE: database, ...extraEnv });
}

describeWithInflux('the local stack on InfluxDB', () => {
  const database = uniqueDatabaseName('e2e');
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startOn(influxUrl, database);
  });
  afterAll(async () => {
    await stack?.close();
    await influxQuery(`DROP DATABASE "${database}"`).catch(() => {});
  });
  const points = (where: string) =>
    influxQuery(`SELECT * FROM "telemetry" WHERE ${where}`, database).then((s) => s[0]);

  it('stores one record sent over HTTP as one InfluxDB point', async () => {
    const time = nowMs() - 1000;
    const res = await stack.post(reading('single-1', '1532.5', time));
    expect(res.status).toBe(200);
    expect(res.headers.get('apigw-requestid')).toMatch(/=$/);
    expect(res.body).toEqual({ stored: [0], rejected: [] });
    const series = await points(`"turbine_id" = 'single-1'`);
    expect(series?.values).toHaveLength(1);
    const row = Object.fromEntries(series!.columns.map((c, i) => [c, series!.values[0]![i]]));
    expect(row).toMatchObject({
      measure_name: 'power_kw',
      'measure_value::double': 1532.5,
      project: 'Windpark Noord',
      _version: 1,
    });
    expect(Date.parse(row.time as string)).toBe(time);
  });

  it('stores a batch of 10,000 records, each exactly once, and a resend adds nothing', async () => {
    const t0 = nowMs() - 600_000;
    const records = Array.from({ length: 10_000 }, (_, i) =>
      reading(`batch-${i % 100}`, String(i), t0 + Math.floor(i / 100)),
    );
    const first = await stack.post(records);
    expect(first.status).toBe(200);
    expect(first.body.stored).toHaveLength(10_000);
    const again = await stack.post(records);
    expect(again.status).toBe(200);
    const [count] = await influxQuery(
      `SELECT count("measure_value::double") FROM "telemetry" WHERE "turbine_id" =~ /^batch-/`,
      database,
    );
    expect(count?.values[0]?.[1]).toBe(10_000);
  });

  it('stores a MULTI record as typed fields of one point', async () => {
    const time = nowMs() - 2000;
    const res = await stack.post({
      Dimensions: [{ Name: 'turbine_id', Value: 'multi-1' }],
      MeasureName: 'reading',
      MeasureValueType: 'MULTI',
      MeasureValues: [
        { Name: 'power_kw', Value: '2100.25', Type: 'DOUBLE' },
        { Name: 'rotor_rpm', Value: '14', Type: 'BIGINT' },
        { Name: 'state', Value: 'running', Type: 'VARCHAR' },
        { Name: 'curtailed', Value: 'false', Type: 'BOOLEAN' },
      ],
      Time: String(time),
    });
    expect(res.status).toBe(200);
    const series = await points(`"turbine_id" = 'multi-1'`);
    const row = Object.fromEntries(series!.columns.map((c, i) => [c, series!.values[0]![i]]));
    expect(row).toMatchObject({
      measure_name: 'reading',
      power_kw: 2100.25,
      rotor_rpm: 14,
      state: 'running',
      curtailed: false,
    });
    const types = await influxQuery('SHOW FIELD KEYS FROM "telemetry"', database);
    const fieldTypes = Object.fromEntries(types[0]!.values as [string, string][]);
    expect(fieldTypes).toMatchObject({
      power_kw: 'float',
      rotor_rpm: 'integer',
      state: 'string',
      curtailed: 'boolean',
    });
  });

  it('round-trips hostile strings in dimensions and VARCHAR values', async () => {
    const t0 = nowMs() - 3000;
    const records = HOSTILE.map((h, i) =>
      reading(`hostile ${h}`, h, t0 + i, { MeasureValueType: 'VARCHAR' }),
    );
    const res = await stack.post(records);
    expect(res.status).toBe(200);
    const { InfluxTelemetryStore } = await import('../../app/src/storage/influx/index.js');
    const reader = new InfluxTelemetryStore({ url: influxUrl });
    const got = await reader.query(
      { database, table: 'telemetry' },
      { from: BigInt(t0) * 1_000_000n, to: BigInt(t0 + HOSTILE.length) * 1_000_000n },
    );
    await reader.close();
    expect(
      got.map((r) => [r.dimensions.find((d) => d.name === 'turbine_id')?.value, r.measure]),
    ).toEqual(HOSTILE.map((h) => [`hostile ${h}`, { kind: 'single', type: 'VARCHAR', value: h }]));
  });

  it('answers 400 naming index, field and reason, and stores nothing', async () => {
    const time = nowMs();
    const res = await stack.post([
      reading('invalid-1', 'fast', time),
      reading('invalid-2', '1', time, { Dimensions: [] }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'InvalidRecords', message: 'no record is valid; see rejected' },
      stored: [],
      rejected: [
        {
          index: 0,
          code: 'InvalidRecord',
          field: 'MeasureValue',
          reason: "'fast' is not a finite DOUBLE",
        },
        {
          index: 1,
          code: 'InvalidRecord',
          field: 'Dimensions',
          reason: 'at least 1 dimension is required',
        },
      ],
    });
    expect(await points(`"turbine_id" =~ /^invalid-/`)).toBeUndefined();
  });
});

describe.skipIf(!findInfluxd())('the local stack when InfluxDB goes away', () => {
  let influx: InfluxdProcess;
  let stack: TestStack;
  beforeAll(async () => {
    influx = await startInfluxd();
    stack = await startOn(influx.url, 'outage', { INFLUX_TIMEOUT_MS: '1000' });
  });
  afterAll(async () => {
    await stack?.close();
    await influx?.stop();
  });

  it('answers 503 with Retry-After while InfluxDB is stopped, then stores after it is back', async () => {
    const time = nowMs() - 5000;
    expect((await stack.post(reading('outage-1', '1', time))).status).toBe(200);
    await influx.kill();
    const down = await stack.post(reading('outage-1', '2', time + 1));
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(JSON.stringify(down.body)).not.toMatch(/at .*\.js/); // no stack trace
    const health = await fetch(`${stack.url}/health`);
    expect(health.status).toBe(503);
    await influx.restart();
    const back = await stack.post(reading('outage-1', '2', time + 1));
    expect(back.status).toBe(200);
    const [count] = await influxQuery(
      `SELECT count("measure_value::double") FROM "telemetry" WHERE "turbine_id" = 'outage-1'`,
      'outage',
      influx.url,
    );
    expect(count?.values[0]?.[1]).toBe(2);
  });

  it('answers 503 within the timeout while InfluxDB hangs, never hanging itself', async () => {
    influx.pause();
    try {
      const started = Date.now();
      const res = await stack.post(reading('hung-1', '1', nowMs() - 1000));
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      influx.resume();
    }
    expect((await stack.post(reading('hung-1', '1', nowMs() - 1000))).status).toBe(200);
  });
});
