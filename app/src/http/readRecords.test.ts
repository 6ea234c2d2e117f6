import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { NOW_MS, POWER_READINGS, powerReading } from '../../../test/fixtures/power.js';
import { InMemoryTelemetryStore } from '../storage/memory/index.js';
import type { TableRef } from '../storage/TelemetryStore.js';
import type { TelemetryRecord } from '../telemetry/record.js';
import { createApp } from './createApp.js';

const table: TableRef = { database: 'windtunnel', table: 'telemetry' };

async function setup(records: TelemetryRecord[] = POWER_READINGS, clock = { ms: NOW_MS }) {
  const store = new InMemoryTelemetryStore();
  await store.write(table, records);
  const deviceAuth = { mode: 'jwt' as const, dimension: 'turbine_id' };
  const now = () => BigInt(clock.ms) * 1_000_000n;
  return createApp({ store, table, maxRecordsPerRequest: 100, deviceAuth, now });
}

/** Every page of a query, following `next`. */
async function allPages(app: Awaited<ReturnType<typeof setup>>, url: string) {
  const pages: { time: string; dimensions: Record<string, string> }[][] = [];
  let cursor: string | undefined;
  do {
    const res = await request(app).get(cursor ? `${url}&cursor=${cursor}` : url);
    expect(res.status).toBe(200);
    pages.push(res.body.records);
    cursor = res.body.next;
  } while (cursor && pages.length < 100);
  return pages;
}

describe('GET /measurements', () => {
  it('lists records oldest first, with ns times and values as stored, filtered', async () => {
    const app = await setup();
    const res = await request(app).get(
      '/measurements?since=20m&dim.turbine_id=B&measure_name=reading',
    );
    expect(res.status).toBe(200);
    expect(res.body.records).toEqual([
      {
        time: '2024-11-25T23:42:00.000000000Z',
        measureName: 'reading',
        dimensions: { project: 'Noord', turbine_id: 'B' },
        measures: { power_kw: '50.25', wind_speed: '7.5' },
      },
      expect.objectContaining({ time: '2024-11-25T23:52:00.000000000Z' }),
      expect.objectContaining({ time: '2024-11-25T23:58:00.000000000Z' }),
    ]);
    expect(res.body.next).toBeUndefined();
  });

  it('pages with a cursor: every record once, also when many share an instant', async () => {
    const sameInstant = ['P', 'Q', 'R', 'S', 'T'].map((d) => powerReading(d, 5, 1));
    const app = await setup([...POWER_READINGS, ...sameInstant]);
    const pages = await allPages(app, '/measurements?since=20m&limit=2');
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 2, 2, 1]);
    const seen = pages.flat().map((r) => `${r.time} ${r.dimensions.turbine_id}`);
    expect(new Set(seen).size).toBe(13);
    expect(seen).toEqual([...seen].sort());
  });

  it('keeps paging the same range while the clock moves on (since=)', async () => {
    const clock = { ms: NOW_MS };
    const app = await setup(POWER_READINGS, clock);
    const first = await request(app).get('/measurements?since=20m&limit=5');
    clock.ms += 10 * 60_000;
    const second = await request(app).get(
      `/measurements?since=20m&limit=5&cursor=${first.body.next}`,
    );
    expect([...first.body.records, ...second.body.records]).toHaveLength(8);
    expect(second.body.next).toBeUndefined();
  });

  it('answers CSV with every dimension and measure a column, and defuses formulas', async () => {
    const hostile: TelemetryRecord = {
      ...powerReading('=HYPERLINK("x")', 3, -5),
      measureName: 'reading',
    };
    const app = await setup([powerReading('A', 4, 1.5, 'Noord, "Oost"'), hostile]);
    const res = await request(app).get('/measurements?since=10m').set('accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text).toBe(
      'time,measure_name,project,turbine_id,power_kw,wind_speed\r\n' +
        '2024-11-25T23:56:00.000000000Z,reading,"Noord, ""Oost""",A,1.5,7.5\r\n' +
        `2024-11-25T23:57:00.000000000Z,reading,,"'=HYPERLINK(""x"")",-5,7.5\r\n`,
    );
  });

  it.each([
    ['/measurements?limit=0', 'limit'],
    ['/measurements?limit=10001', 'limit'],
    ['/measurements?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['/measurements?dim.=x', 'dim.'],
    ['/measurements?dim.turbine_id=A&dim.turbine_id=B', 'dim.turbine_id'],
    ['/measurements?turbine_id=A', 'turbine_id'],
    [`/measurements?${Array.from({ length: 17 }, (_, i) => `dim.d${i}=x`).join('&')}`, 'dim.'],
  ])('refuses %s naming %s', async (url, field) => {
    const app = await setup();
    const res = await request(app).get(url);
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.error.code).toBe('InvalidQuery');
  });

  it('refuses a cursor of another query', async () => {
    const app = await setup();
    const first = await request(app).get('/measurements?since=20m&limit=2');
    const other = await request(app).get(
      `/measurements?since=20m&limit=2&dim.turbine_id=A&cursor=${first.body.next}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.field).toBe('cursor');
  });
});
