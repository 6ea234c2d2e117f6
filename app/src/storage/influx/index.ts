import type { InfluxStoreConfig } from './connection.js';
import { InfluxTelemetryStore } from './InfluxTelemetryStore.js';

export { InfluxTelemetryStore } from './InfluxTelemetryStore.js';
export type { InfluxStoreConfig, InfluxStoreOptions } from './connection.js';

/** Factory for the app's dynamic `import()`: only the chosen adapter's module is loaded. */
export function createInfluxStore(config: InfluxStoreConfig): InfluxTelemetryStore {
  return new InfluxTelemetryStore({ url: config.url, timeoutMs: config.timeoutMs });
}
