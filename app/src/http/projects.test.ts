import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  NOW_MS,
  POWER_READINGS,
  powerReading,
  PROJECTS_EXPECTED,
} from '../../../test/fixtures/power.js';
import { InMemoryTelemetryStore } from '../storage/memory/index.js';
import type { LatestQuery, RecordQuery, TableRef } from '../storage/TelemetryStore.js';
import { createApp } from './createApp.js';

const table: TableRef = { database: 'windtunnel', table: 'telemetry' };
const now = () => BigInt(NOW_MS) * 1_000_000n;

/** The memory store, noting which port calls the route makes. */
class SpyStore extends InMemoryTelemetryStore {
  queries: RecordQuery[] = [];
  latests: LatestQuery[] = [];
  override async query(t: TableRef, q: RecordQuery) {
    this.queries.push(q);
    return super.query(t, q);
  }
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
  return {
    store,
    app: createApp({ store, table, maxRecordsPerRequest: 100, deviceAuth, now, log }),
  };
}

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
