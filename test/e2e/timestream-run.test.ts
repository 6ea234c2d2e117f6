import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  DescribeTableCommand,
  TimestreamWriteClient,
  WriteRecordsCommand,
} from '@aws-sdk/client-timestream-write';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runTimestreamServer } from '../../emulator/src/timestream/index.js';
import {
  describeWithInflux,
  influxQuery,
  influxUrl,
  uniqueDatabaseName,
} from '../helpers/influxTest.js';
import { credentials } from '../fixtures/timestream-server/harness.js';

/**
 * `runTimestreamServer`: the server as `windtunnel timestream` starts it from the environment,
 * storage and catalog included.
 */
let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wt-timestream-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const client = (url: string) =>
  new TimestreamWriteClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });

describe('runTimestreamServer without INFLUX_URL', () => {
  it('keeps records and catalog in memory, even when STORAGE_BACKEND names timestream', async () => {
    const env = { STORAGE_BACKEND: 'timestream', TIMESTREAM_DATA_DIR: dataDir };
    const server = await runTimestreamServer(env, { port: 0, log: () => {} });
    try {
      expect(server.backend).toBe('memory');
      expect(server.catalogFile).toBeUndefined();
      const ts = client(server.url);
      await ts.send(new CreateDatabaseCommand({ DatabaseName: 'windtunnel' }));
      ts.destroy();
      expect(await readdir(dataDir)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describeWithInflux('runTimestreamServer with INFLUX_URL', () => {
  it('stores in InfluxDB and keeps databases and tables across a restart', async () => {
    const env = { INFLUX_URL: influxUrl, TIMESTREAM_DATA_DIR: dataDir };
    const database = uniqueDatabaseName('run');
    try {
      const first = await runTimestreamServer(env, { port: 0, log: () => {} });
      expect(first.backend).toBe('influx');
      expect(first.catalogFile).toBe(join(dataDir, 'catalog.json'));
      let ts = client(first.url);
      await ts.send(new CreateDatabaseCommand({ DatabaseName: database }));
      await ts.send(new CreateTableCommand({ DatabaseName: database, TableName: 'telemetry' }));
      await ts.send(
        new WriteRecordsCommand({
          DatabaseName: database,
          TableName: 'telemetry',
          Records: [
            {
              Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
              MeasureName: 'power_kw',
              MeasureValue: '1.5',
              Time: String(Date.now()),
            },
          ],
        }),
      );
      ts.destroy();
      await first.close();

      const second = await runTimestreamServer(env, { port: 0, log: () => {} });
      ts = client(second.url);
      const { Table } = await ts.send(
        new DescribeTableCommand({ DatabaseName: database, TableName: 'telemetry' }),
      );
      expect(Table?.TableStatus).toBe('ACTIVE');
      ts.destroy();
      await second.close();
      const series = await influxQuery('SELECT count(*) FROM "telemetry"', database);
      expect(series).toHaveLength(1);
    } finally {
      await influxQuery(`DROP DATABASE "${database}"`);
    }
  });
});
