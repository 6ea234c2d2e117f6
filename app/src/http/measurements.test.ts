import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../storage/memory/index.js';
import {
  StoreUnavailableError,
  type TableRef,
  type TelemetryStore,
  type WriteResult,
} from '../storage/TelemetryStore.js';
import { createApp } from './createApp.js';

const table: TableRef = { database: 'windtunnel', table: 'telemetry' };
const NOW_MS = 1_732_579_200_000; // 2024-11-26T00:00:00Z
const now = () => BigInt(NOW_MS) * 1_000_000n;

const reading = (i: number, extra: Record<string, unknown> = {}) => ({
  Dimensions: [
    { Name: 'turbine_id', Value: `T${i}` },
    { Name: 'project', Value: 'Windpark Noord' },
  ],
  MeasureName: 'power',
  MeasureValue: String(1000 + i),
  MeasureValueType: 'DOUBLE',
  Time: String(NOW_MS - 60_000 + i),
  TimeUnit: 'MILLISECONDS',
  ...extra,
});

function setup(
  store: TelemetryStore = new InMemoryTelemetryStore(),
  maxRecordsPerRequest = 10_000,
) {
  const log = { error: () => {}, warn: () => {} };
  const deviceAuth = { mode: 'off' as const, dimension: 'turbine_id' };
  return { store, app: createApp({ store, table, maxRecordsPerRequest, deviceAuth, now, log }) };
}

const all = (store: TelemetryStore) => store.query(table, { from: 0n, to: now() * 2n });

describe('POST /measurements', () => {
  it('stores one record sent as a bare object', async () => {
    const { app, store } = setup();
    const res = await request(app).post('/measurements').send(reading(1));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.text).toBe('{"stored":[0],"rejected":[]}');
    expect(res.headers['content-length']).toBe(String(res.text.length));
    const [stored] = await all(store);
    expect(stored?.measure).toEqual({ kind: 'single', type: 'DOUBLE', value: '1001' });
    expect(stored?.time).toBe(BigInt(NOW_MS - 60_000 + 1) * 1_000_000n);
  });

  it('stores an array of records', async () => {
    const { app, store } = setup();
    const res = await request(app)
      .post('/measurements')
      .send([reading(1), reading(2)]);
    expect(res.status).toBe(200);
    expect(res.body.stored).toEqual([0, 1]);
    expect(await all(store)).toHaveLength(2);
  });

  it('merges CommonAttributes into each record, the record winning on scalar attributes', async () => {
    const { app, store } = setup();
    const res = await request(app)
      .post('/measurements')
      .send({
        CommonAttributes: {
          Dimensions: [{ Name: 'project', Value: 'Windpark Zuid' }],
          MeasureName: 'power',
          MeasureValueType: 'DOUBLE',
          TimeUnit: 'SECONDS',
          Time: String(NOW_MS / 1000 - 10),
        },
        Records: [
          { Dimensions: [{ Name: 'turbine_id', Value: 'T1' }], MeasureValue: '1' },
          {
            Dimensions: [{ Name: 'turbine_id', Value: 'T2' }],
            MeasureValue: '2',
            MeasureName: 'wind',
          },
        ],
      });
    expect(res.status).toBe(200);
    const got = await all(store);
    expect(got.map((r) => [r.measureName, r.dimensions, r.time])).toEqual([
      [
        'power',
        [
          { name: 'project', value: 'Windpark Zuid' },
          { name: 'turbine_id', value: 'T1' },
        ],
        BigInt(NOW_MS - 10_000) * 1_000_000n,
      ],
      [
        'wind',
        [
          { name: 'project', value: 'Windpark Zuid' },
          { name: 'turbine_id', value: 'T2' },
        ],
        BigInt(NOW_MS - 10_000) * 1_000_000n,
      ],
    ]);
  });

  it('stores the valid records of a mixed batch and names index, field and reason of the others', async () => {
    const { app, store } = setup();
    const res = await request(app)
      .post('/measurements')
      .send([
        reading(0),
        reading(1, { MeasureValue: 'lots' }),
        reading(2),
        reading(3, { Dimensions: [] }),
      ]);
    expect(res.status).toBe(207);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.stored).toEqual([0, 2]);
    expect(res.body.rejected).toEqual([
      {
        index: 1,
        code: 'InvalidRecord',
        field: 'MeasureValue',
        reason: "'lots' is not a finite DOUBLE",
      },
      {
        index: 3,
        code: 'InvalidRecord',
        field: 'Dimensions',
        reason: 'at least 1 dimension is required',
      },
    ]);
    expect((await all(store)).map((r) => r.dimensions[1]?.value)).toEqual(['T0', 'T2']);
  });

  it('answers 400 when no record is valid', async () => {
    const { app, store } = setup();
    const res = await request(app)
      .post('/measurements')
      .send([reading(0, { Time: 'yesterday' })]);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('InvalidRecords');
    expect(res.body.rejected).toEqual([
      expect.objectContaining({ index: 0, field: 'Time', code: 'InvalidRecord' }),
    ]);
    expect(await all(store)).toEqual([]);
  });

  it('refuses a request over the record limit as a whole', async () => {
    const { app, store } = setup(undefined, 3);
    const res = await request(app)
      .post('/measurements')
      .send([0, 1, 2, 3].map((i) => reading(i)));
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'TooManyRecords',
      message: 'the request has 4 records; at most 3 are accepted per request',
    });
    expect(await all(store)).toEqual([]);
  });

  it('answers 400 InvalidJson for a body that is not JSON, and 400 for an empty array', async () => {
    const { app } = setup();
    const bad = await request(app)
      .post('/measurements')
      .set('content-type', 'application/json')
      .send('{"Dimensions":');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('InvalidJson');
    const empty = await request(app).post('/measurements').send([]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('InvalidBatch');
  });

  it('is retry-safe: the same request twice stores each record once', async () => {
    const { app, store } = setup();
    const body = [reading(1), reading(2)];
    await request(app).post('/measurements').send(body).expect(200);
    await request(app).post('/measurements').send(body).expect(200);
    expect(await all(store)).toHaveLength(2);
  });

  it('answers 409 with the existing version when a changed value has no higher version', async () => {
    const { app } = setup();
    await request(app)
      .post('/measurements')
      .send(reading(1, { Version: 4 }))
      .expect(200);
    const res = await request(app)
      .post('/measurements')
      .send(reading(1, { MeasureValue: '7', Version: 4 }));
    expect(res.status).toBe(409);
    expect(res.body.rejected).toEqual([
      expect.objectContaining({ index: 0, code: 'VersionConflict', existingVersion: 4 }),
    ]);
  });

  it('answers 503 with Retry-After and no stack when the store is unreachable', async () => {
    const down: TelemetryStore = {
      ...new InMemoryTelemetryStore(),
      backend: 'influx',
      write: async () => {
        throw new StoreUnavailableError('InfluxDB at http://localhost:1 refused the connection', 7);
      },
      query: async () => [],
      aggregate: async () => [],
      latest: async () => [],
      ping: async () => {},
      close: async () => {},
    };
    const { app } = setup(down);
    const res = await request(app).post('/measurements').send(reading(1));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.body).toEqual({
      error: {
        code: 'StoreUnavailable',
        message: 'InfluxDB at http://localhost:1 refused the connection',
      },
    });
  });

  it('reports records the store could not take as StoreUnavailable, with Retry-After', async () => {
    const partial: TelemetryStore = {
      backend: 'timestream',
      write: async (): Promise<WriteResult> => ({
        stored: [0],
        rejected: [{ index: 1, code: 'StoreUnavailable', reason: 'throttled' }],
      }),
      query: async () => [],
      aggregate: async () => [],
      latest: async () => [],
      ping: async () => {},
      close: async () => {},
    };
    const { app } = setup(partial);
    const res = await request(app)
      .post('/measurements')
      .send([reading(1), reading(2)]);
    expect(res.status).toBe(207);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.rejected).toEqual([
      { index: 1, code: 'StoreUnavailable', reason: 'throttled' },
    ]);
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const broken: TelemetryStore = {
      backend: 'memory',
      write: async () => {
        throw new TypeError('secret internals at /srv/app.js:12');
      },
      query: async () => [],
      aggregate: async () => [],
      latest: async () => [],
      ping: async () => {},
      close: async () => {},
    };
    const { app } = setup(broken);
    const res = await request(app).post('/measurements').send(reading(1));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'InternalError', message: 'internal error' } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });
});

describe('GET /health and unknown paths', () => {
  it('reports the backend and a working store', async () => {
    const { app } = setup();
    const res = await request(app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', storage: { backend: 'memory', status: 'ok' } });
  });

  it('answers 503 when the store does not answer', async () => {
    const store = new InMemoryTelemetryStore();
    store.ping = async () => {
      throw new StoreUnavailableError('no answer within 5000 ms', 5);
    };
    const res = await request(setup(store).app).get('/health');
    expect(res.status).toBe(503);
    expect(res.body.storage).toEqual({
      backend: 'memory',
      status: 'unavailable',
      message: 'no answer within 5000 ms',
    });
  });

  it('answers JSON 404 for an unknown path', async () => {
    const res = await request(setup().app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NotFound', message: 'no route for GET /nope' } });
  });
});
