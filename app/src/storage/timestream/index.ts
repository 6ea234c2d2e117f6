import type { TimestreamStoreOptions } from './options.js';
import { TimestreamTelemetryStore } from './TimestreamTelemetryStore.js';

export { TimestreamTelemetryStore } from './TimestreamTelemetryStore.js';
export type { TimestreamClients, TimestreamConnection, TimestreamStoreOptions } from './options.js';
export type { RetryPolicy } from './retry.js';

/** Factory for the app's dynamic `import()`: only the chosen adapter's module is loaded. */
export function createTimestreamStore(options: TimestreamStoreOptions): TimestreamTelemetryStore {
  return new TimestreamTelemetryStore(options);
}
