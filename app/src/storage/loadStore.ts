import type { AppConfig } from '../config.js';
import type { TelemetryStore } from './TelemetryStore.js';

/**
 * Creates the configured adapter. Each adapter is imported only when chosen, so the Lambda bundle
 * for Timestream never loads `influx` and the local stack never needs AWS credentials.
 */
export async function loadStore(config: AppConfig): Promise<TelemetryStore> {
  switch (config.backend) {
    case 'memory': {
      const { createMemoryStore } = await import('./memory/index.js');
      return createMemoryStore();
    }
    case 'influx': {
      const { createInfluxStore } = await import('./influx/index.js');
      return createInfluxStore(config.influx);
    }
    case 'timestream': {
      const { createTimestreamStore } = await import('./timestream/index.js');
      return createTimestreamStore(config.timestream);
    }
  }
}
