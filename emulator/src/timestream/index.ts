/**
 * The windtunnel Timestream server: the Write and Query APIs of Amazon Timestream for
 * LiveAnalytics on one local endpoint, backed by the storage port (memory or InfluxDB).
 *
 * @example
 * import { runTimestreamServer } from './timestream/index.js';
 * const server = await runTimestreamServer(process.env, { port: 8787 });
 */
export { startTimestreamServer, DEFAULT_MAX_BODY_BYTES } from './server.js';
export type { TimestreamServer, TimestreamServerOptions } from './server.js';
export { runTimestreamServer, type RunningTimestreamServer } from './run.js';
export { loadTimestreamConfig, TIMESTREAM_ENV, TimestreamConfigError } from './config.js';
export type { TimestreamEmulatorConfig } from './config.js';
export type { Catalog, CatalogState, DatabaseEntry, TableEntry } from './catalog/Catalog.js';
export { MemoryCatalog } from './catalog/MemoryCatalog.js';
export { FileCatalog } from './catalog/FileCatalog.js';
export type { CatalogReader, TableSummary } from './catalogReader.js';
