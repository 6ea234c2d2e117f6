import request from 'supertest';
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  TimestreamWriteClient,
} from '@aws-sdk/client-timestream-write';
import { afterAll, describe, expect, it } from 'vitest';
import { recordView, toCsv } from '../../app/src/analysis/format.js';
import { createApp } from '../../app/src/http/createApp.js';
import { sortByTimeThenSeries } from '../../app/src/storage/order.js';
import { InfluxTelemetryStore } from '../../app/src/storage/influx/index.js';
import { InMemoryTelemetryStore } from '../../app/src/storage/memory/index.js';
import type { TableRef, TelemetryStore } from '../../app/src/storage/TelemetryStore.js';
import { createTimestreamStore } from '../../app/src/storage/timestream/index.js';
import {
  startTimestreamServer,
  type TimestreamServer,
} from '../../emulator/src/timestream/index.js';
import { NOW_MS, POWER_EXPECTED, POWER_READINGS, PROJECTS_EXPECTED } from '../fixtures/power.js';
import { influxQuery, influxUrl, uniqueDatabaseName } from '../helpers/influxTest.js';

/**
 * The read API on every backend, the same readings, the same answer to the digit: memory (one
 * pass), InfluxDB (InfluxQL) and Timestream (SQL through the AWS SDK, answered by windtunnel's
 * server). GET /power and GET /power/projects are computed by each store; GET /measurements pages
 * through its records.
 */
const now = () => BigInt(NOW_MS) * 1_000_000n;
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const backends: [string, () => Promise<{ store: TelemetryStore; table: TableRef }>][] = [
  [
    'memory',
    async () => ({ store: new InMemoryTelemetryStore(), table: { database: 'w', table: 't' } }),
  ],
  [
    'influx',
    async () => {
      const database = uniqueDatabaseName('power');
      cleanups.push(() => influxQuery(`DROP DATABASE "${database}"`));
      const store = new InfluxTelemetryStore({ url: influxUrl });
      cleanups.push(() => store.close());
      return { store, table: { database, table: 'telemetry' } };
    },
  ],
  [
    'timestream',
    async () => {
      const server: TimestreamServer = await startTimestreamServer({
        store: new InMemoryTelemetryStore(),
        port: 0,
      });
      cleanups.push(() => server.close());
      const config = { endpoint: server.url, region: 'eu-west-1', credentials };
      const admin = new TimestreamWriteClient(config);
      await admin.send(new CreateDatabaseCommand({ DatabaseName: 'windtunnel' }));
      await admin.send(
        new CreateTableCommand({
          DatabaseName: 'windtunnel',
          TableName: 'telemetry',
          MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true },
        }),
      );
      admin.destroy();
      const store = createTimestreamStore(config);
      return { store, table: { database: 'windtunnel', table: 'telemetry' } };
    },
  ],
];

const expectedCsv = toCsv(sortByTimeThenSeries([...POWER_READINGS]).map(recordView));

describe('the read API answers the same on every backend', () => {
  it.each(backends.filter(([name]) => name !== 'influx' || influxUrl !== ''))(
    '%s',
    async (_name, make) => {
      const { store, table } = await make();
      expect((await store.write(table, POWER_READINGS)).rejected).toEqual([]);
      const deviceAuth = { mode: 'jwt' as const, dimension: 'turbine_id' };
      const app = createApp({ store, table, maxRecordsPerRequest: 100, deviceAuth, now });
      const res = await request(app).get('/power?since=20m&by=project');
      expect(res.status).toBe(200);
      expect(res.body).toEqual(POWER_EXPECTED);
      const projects = await request(app).get('/power/projects?since=20m&latest=wind_speed');
      expect(projects.body).toEqual(PROJECTS_EXPECTED);
      const csv = await request(app).get('/measurements?since=20m').set('accept', 'text/csv');
      expect(csv.text).toBe(expectedCsv);
      const paged: unknown[] = [];
      let next = '';
      do {
        const page = await request(app).get(`/measurements?since=20m&limit=3${next}`);
        paged.push(...page.body.records);
        next = page.body.next ? `&cursor=${page.body.next}` : '';
      } while (next && paged.length < 100);
      expect(paged).toEqual(sortByTimeThenSeries([...POWER_READINGS]).map(recordView));
    },
  );
});
