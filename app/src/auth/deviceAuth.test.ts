import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../http/createApp.js';
import { InMemoryTelemetryStore } from '../storage/memory/index.js';

const table = { database: 'windtunnel', table: 'telemetry' };

/** The app behind a stand-in for serverless-http, which puts the event's requestContext on req. */
function appWith(claims: Record<string, string> | undefined, mode: 'jwt' | 'off' = 'jwt') {
  const store = new InMemoryTelemetryStore();
  const inner = createApp({
    store,
    table,
    maxRecordsPerRequest: 100,
    deviceAuth: { mode, dimension: 'turbine_id' },
    log: { error: () => {}, warn: () => {} },
  });
  const outer = express();
  outer.use((req, _res, next) => {
    if (claims)
      Object.assign(req, { requestContext: { authorizer: { jwt: { claims, scopes: null } } } });
    next();
  });
  outer.use(inner);
  return { app: outer, store };
}

const reading = (turbine: string | undefined) => ({
  Dimensions: [
    { Name: 'project', Value: 'Windpark Noord' },
    ...(turbine ? [{ Name: 'turbine_id', Value: turbine }] : []),
  ],
  MeasureName: 'power_kw',
  MeasureValue: '10',
  Time: String(Date.now() - 1000),
});

const stored = (store: InMemoryTelemetryStore) => store.query(table, { from: 0n, to: 2n ** 62n });

describe('device identity: telemetry may only be written by the device it belongs to', () => {
  it('refuses an anonymous write with 401 when auth is on', async () => {
    const { app, store } = appWith(undefined);
    const res = await request(app).post('/measurements').send(reading('T1'));
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('Unauthenticated');
    expect(res.body.error.message).toMatch(/npx windtunnel token/);
    expect(await stored(store)).toEqual([]);
  });

  it("lets a device write its own turbine, named by the token's sub", async () => {
    const { app, store } = appWith({ sub: 'T1', iss: 'https://windtunnel.local/' });
    expect((await request(app).post('/measurements').send(reading('T1'))).status).toBe(200);
    expect(await stored(store)).toHaveLength(1);
  });

  it('refuses the whole request with 403 when one record is for another turbine', async () => {
    const { app, store } = appWith({ sub: 'device-7', turbines: 'T1 T2' });
    const res = await request(app)
      .post('/measurements')
      .send([reading('T1'), reading('T2'), reading('T3')]);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: 'Forbidden',
        message:
          "caller 'device-7' may not write this telemetry: record 2 is for turbine 'T3'; nothing was stored",
      },
      forbidden: [{ index: 2, turbine: 'T3' }],
    });
    expect(await stored(store)).toEqual([]);
  });

  it('refuses a record without a turbine dimension', async () => {
    const { app } = appWith({ sub: 'T1' });
    const res = await request(app).post('/measurements').send(reading(undefined));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/record 0 has no 'turbine_id' dimension/);
  });

  it('lets a caller with turbines "*" write any turbine', async () => {
    const { app } = appWith({ sub: 'fleet-simulator', turbines: '*' });
    const res = await request(app)
      .post('/measurements')
      .send([reading('T1'), reading('T9')]);
    expect(res.status).toBe(200);
  });

  it('accepts anonymous writes for any turbine when DEVICE_AUTH is off', async () => {
    const { app } = appWith(undefined, 'off');
    expect((await request(app).post('/measurements').send(reading('T5'))).status).toBe(200);
  });

  it('keeps reads and health open: auth guards writes only', async () => {
    const { app } = appWith(undefined);
    expect((await request(app).get('/health')).status).toBe(200);
  });
});
