import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  NOW_MS,
  POWER_EXPECTED,
  POWER_READINGS,
  powerReading,
  PROJECTS_EXPECTED,
} from '../../../test/fixtures/power.js';
import { InMemoryTelemetryStore } from '../storage/memory/index.js';
import type {
  AggregateQuery,
  LatestQuery,
  RecordQuery,
  TableRef,
} from '../storage/TelemetryStore.js';
import { createApp } from './createApp.js';

const table: TableRef = { database: 'windtunnel', table: 'telemetry' };
const now = () => BigInt(NOW_MS) * 1_000_000n;

/** The memory store, noting which port calls the route makes. */
class SpyStore extends InMemoryTelemetryStore {
  queries: RecordQuery[] = [];
  aggregates: AggregateQuery[] = [];
  override async query(t: TableRef, q: RecordQuery) {
    this.queries.push(q);
    return super.query(t, q);
  }
  override async aggregate(t: TableRef, q: AggregateQuery) {
    this.aggregates.push(q);
    return super.aggregate(t, q);
  }
  latests: LatestQuery[] = [];
  override async latest(t: TableRef, q: LatestQuery) {
    this.latests.push(q);
    return super.latest(t, q);
  }
}

async function setup() {
  const store = new SpyStore();
  await store.write(table, POWER_READINGS);
  const deviceAuth = { mode: 'jwt' as const, dimension: 'turbine_id' };
  const log = { error: () => {}, warn: () => {} };
  const app = createApp({ store, table, maxRecordsPerRequest: 100, deviceAuth, now, log });
  return { store, app };
}

describe('GET /power', () => {
  it('totals each bin as the sum of the devices’ means, per project too, computed by the store', async () => {
    const { app, store } = await setup();
    const res = await request(app).get('/power?since=20m&by=project');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(POWER_EXPECTED);
    expect(store.queries).toEqual([]);
    expect(store.aggregates).toEqual([
      expect.objectContaining({ groupBy: ['turbine_id', 'project'], stats: ['sum', 'count'] }),
    ]);
  });

  it('takes from/to, a bin, and another measure; the last 24 h in 10-minute bins by default', async () => {
    const { app } = await setup();
    const ranged = await request(app).get(
      '/power?from=2024-11-25T23:50:00Z&to=2024-11-26T00:00:00Z&bin=5m&measure=wind_speed',
    );
    expect(ranged.status).toBe(200);
    expect(ranged.body.total).toEqual([
      { time: '2024-11-25T23:50:00.000Z', total: 15, devices: 2 },
      { time: '2024-11-25T23:55:00.000Z', total: 15, devices: 2 },
    ]);
    const defaults = await request(app).get('/power');
    expect(defaults.body).toMatchObject({ from: '2024-11-25T00:00:00.000Z', bin: '10m' });
    expect(defaults.body.total).toEqual(POWER_EXPECTED.total);
    expect(defaults.body.groups).toBeUndefined();
  });

  it('answers an empty series for a range without readings', async () => {
    const { app } = await setup();
    const res = await request(app).get('/power?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body.total).toEqual([]);
  });

  it.each([
    ['/power?bin=10x', 'bin', 'must be a duration'],
    ['/power?bin=0m', 'bin', 'must be a duration'],
    ['/power?since=31d&bin=1s', 'bin', 'more than 10000 bins'],
    ['/power?since=32d', 'since', 'more than 31 days'],
    ['/power?since=1h&from=2024-11-25T00:00:00Z', 'since', 'not both'],
    ['/power?from=2024-11-26T00:00:00Z&to=2024-11-25T00:00:00Z', 'from', 'before to'],
    ['/power?from=yesterday', 'from', 'ISO 8601'],
    ['/power?to=2024-11-25T00:00:00Z', 'from', 'required'],
    [`/power?by=${'x'.repeat(257)}`, 'by', '1 to 256 characters'],
    ['/power?measure=a%0Ab', 'measure', 'control characters'],
    ['/power?bin=10m&bin=5m', 'bin', 'given once'],
    ['/power?limit=5', 'limit', 'is not a parameter'],
  ])('refuses %s with the parameter and the reason', async (url, field, reason) => {
    const { app, store } = await setup();
    const res = await request(app).get(url);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'InvalidQuery', message: expect.stringContaining(reason) },
      field,
    });
    expect(res.body.error.message.startsWith(`${field}: `)).toBe(true);
    expect(store.aggregates).toEqual([]);
  });

  it('counts a device once per bin however often it reads', async () => {
    const store = new InMemoryTelemetryStore();
    await store.write(table, [
      powerReading('A', 5, 10),
      powerReading('A', 4, 20),
      powerReading('A', 3, 30),
      powerReading('B', 5, 1),
    ]);
    const deviceAuth = { mode: 'off' as const, dimension: 'turbine_id' };
    const app = createApp({ store, table, maxRecordsPerRequest: 100, deviceAuth, now });
    const res = await request(app).get('/power?since=10m');
    expect(res.body.total).toEqual([{ time: '2024-11-25T23:50:00.000Z', total: 21, devices: 2 }]);
  });
});

describe('GET /power/projects', () => {
  it('gives each device’s mean over the range and its latest reading, computed by the store', async () => {
    const { app, store } = await setup();
    const res = await request(app).get('/power/projects?since=20m&latest=wind_speed');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(PROJECTS_EXPECTED);
    expect(store.queries).toEqual([]);
    expect(store.latests).toEqual([
      expect.objectContaining({
        groupBy: ['turbine_id', 'project'],
        measures: ['power_kw', 'wind_speed'],
        measureNames: ['reading'],
      }),
    ]);
  });

  it('names a measure the latest reading lacks as null, and shows the newest reading, not an older value', async () => {
    const { app, store } = await setup();
    const bare = powerReading('A', 0.5, 7);
    bare.dimensions.push({ name: 'project', value: 'Noord' });
    if (bare.measure.kind === 'multi') bare.measure.values.pop(); // no wind_speed
    await store.write(table, [bare]);
    const res = await request(app).get('/power/projects?since=20m&latest=wind_speed');
    expect(res.body.projects[0]).toEqual({
      turbine_id: 'A',
      project: 'Noord',
      readings: 4,
      mean: 151.75,
      latest: { time: '2024-11-25T23:59:30.000000000Z', power_kw: 7, wind_speed: null },
    });
  });

  it('refuses a bad parameter with its name and the reason', async () => {
    const { app } = await setup();
    const tooMany = Array.from({ length: 9 }, (_, i) => `m${i}`).join(',');
    for (const [query, field] of [
      [`latest=${tooMany}`, 'latest'],
      ['latest=power_kw,time', 'latest'],
      ['label=', 'label'],
      ['since=40d', 'since'],
      ['bin=10m', 'bin'],
    ] as const) {
      const res = await request(app).get(`/power/projects?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: { code: 'InvalidQuery' }, field });
    }
  });
});
