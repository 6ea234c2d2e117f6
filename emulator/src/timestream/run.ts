import { loadAppConfig } from '../../../app/src/config.js';
import { loadStore } from '../../../app/src/storage/loadStore.js';
import type { Catalog } from './catalog/Catalog.js';
import { FileCatalog } from './catalog/FileCatalog.js';
import { MemoryCatalog } from './catalog/MemoryCatalog.js';
import { loadTimestreamConfig } from './config.js';
import { startTimestreamServer, type TimestreamServer } from './server.js';

export interface RunningTimestreamServer extends TimestreamServer {
  /** `memory` or `influx`. */
  backend: string;
  /** The catalog file, when the catalog persists. */
  catalogFile?: string;
}

/**
 * Starts the emulator the way `windtunnel timestream` and the local stack run it: storage from
 * the environment through the app's own `loadAppConfig` + `loadStore` (InfluxDB when INFLUX_URL
 * is set, memory otherwise), a catalog that persists under TIMESTREAM_DATA_DIR when the records
 * persist (InfluxDB), in memory otherwise. `close()` also closes the store.
 *
 * @example
 * const server = await runTimestreamServer(process.env, { port: 8787 });
 * console.log(`Timestream API on ${server.url} (${server.backend})`);
 */
export async function runTimestreamServer(
  env: Record<string, string | undefined>,
  overrides: { port?: number; host?: string; log?: (line: string) => void } = {},
): Promise<RunningTimestreamServer> {
  const config = loadTimestreamConfig(env);
  // Without STORAGE_BACKEND, loadAppConfig picks influx when INFLUX_URL is set, else memory.
  const appConfig = loadAppConfig({ ...env, STORAGE_BACKEND: undefined });
  const store = await loadStore(appConfig);
  let catalog: Catalog;
  try {
    catalog =
      store.backend === 'influx' ? await FileCatalog.open(config.dataDir) : new MemoryCatalog();
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = await startTimestreamServer({
    store,
    catalog,
    port: overrides.port ?? config.port,
    host: overrides.host ?? config.host,
    region: config.region,
    accountId: config.accountId,
    // 500s are logged with their request id; the response never carries the stack.
    log: overrides.log ?? ((line) => console.error(`windtunnel timestream: ${line}`)),
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  return {
    ...server,
    backend: store.backend,
    ...(catalog instanceof FileCatalog ? { catalogFile: catalog.file } : {}),
    close: async () => {
      await server.close();
      await store.close();
    },
  };
}
