import {
  CreateDatabaseCommand,
  CreateTableCommand,
  TimestreamWriteClient,
} from '@aws-sdk/client-timestream-write';
import type { TelemetryStore } from '../../app/src/storage/TelemetryStore.js';
import { createTimestreamStore } from '../../app/src/storage/timestream/index.js';
import { startTimestreamServer } from '../../emulator/src/timestream/index.js';
import { uniqueDatabaseName } from '../helpers/influxTest.js';
import { BACKENDS, credentials, type Backend } from '../fixtures/timestream-server/harness.js';
import { describeTelemetryStoreContract, type ContractSubject } from './telemetryStore.contract.js';

/**
 * The storage contract for the app's Timestream adapter, end to end: TimestreamTelemetryStore ->
 * AWS SDK v3 -> the windtunnel Timestream server (Write and Query APIs) -> the in-memory store, and
 * InfluxDB when available. The contract writes records from 2023, so its tables accept
 * magnetic-store writes and keep the default 73000 days of magnetic retention.
 */
async function subject(backend: Backend): Promise<ContractSubject> {
  const backendStore: TelemetryStore = backend.makeStore();
  const server = await startTimestreamServer({ store: backendStore, port: 0 });
  const database = uniqueDatabaseName('contract');
  const admin = new TimestreamWriteClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials,
  });
  await admin.send(new CreateDatabaseCommand({ DatabaseName: database }));
  for (const table of ['telemetry', 'other']) {
    await admin.send(
      new CreateTableCommand({
        DatabaseName: database,
        TableName: table,
        MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true },
      }),
    );
  }
  admin.destroy();
  return {
    store: createTimestreamStore({ region: 'us-east-1', endpoint: server.url, credentials }),
    table: { database, table: 'telemetry' },
    otherTable: { database, table: 'other' },
    cleanup: async () => {
      await server.close();
      await backend.dropDatabase(database);
      await backendStore.close();
    },
  };
}

const skip = { versions: 'Timestream SELECT does not expose record versions' };

for (const backend of BACKENDS) {
  if (!backend.available) continue;
  describeTelemetryStoreContract(
    `timestream (windtunnel server on ${backend.name})`,
    () => subject(backend),
    { skip },
  );
}
