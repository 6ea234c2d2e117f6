import { InMemoryTelemetryStore } from '../../app/src/storage/memory/index.js';
import { describeTelemetryStoreContract } from './telemetryStore.contract.js';

describeTelemetryStoreContract('memory', async () => ({
  store: new InMemoryTelemetryStore(),
  table: { database: 'contract', table: 'telemetry' },
  otherTable: { database: 'contract', table: 'other' },
}));
