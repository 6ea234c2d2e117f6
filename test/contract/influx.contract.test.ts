import { InfluxTelemetryStore } from '../../app/src/storage/influx/index.js';
import {
  describeWithInflux,
  influxQuery,
  influxUrl,
  uniqueDatabaseName,
} from '../helpers/influxTest.js';
import { describeTelemetryStoreContract } from './telemetryStore.contract.js';

describeWithInflux('influx adapter', () => {
  describeTelemetryStoreContract('influx', async () => {
    const database = uniqueDatabaseName('contract');
    return {
      store: new InfluxTelemetryStore({ url: influxUrl, timeoutMs: 5000 }),
      table: { database, table: 'telemetry' },
      otherTable: { database, table: 'other' },
      cleanup: async () => {
        await influxQuery(`DROP DATABASE "${database}"`);
      },
    };
  });
});
