import { InMemoryTelemetryStore } from './InMemoryTelemetryStore.js';

export { InMemoryTelemetryStore };

export function createMemoryStore(): InMemoryTelemetryStore {
  return new InMemoryTelemetryStore();
}
