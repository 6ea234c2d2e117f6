import type { CatalogReader } from '../catalogReader.js';

/**
 * The emulator's control-plane state: databases, their tables and everyone's tags. Records live
 * in the storage port (TelemetryStore); the catalog only says which databases and tables exist
 * and how they are configured. Two implementations: `MemoryCatalog` (state lives as long as the
 * process) and `FileCatalog` (a JSON file, so tables survive a restart next to InfluxDB's data).
 *
 * Changes go through `transact`: the function gets a private copy of the state, may throw (then
 * nothing changes) or mutate it (then the copy becomes the state, and is persisted before
 * `transact` resolves). One transaction runs at a time, so check-then-create cannot race.
 *
 * @example
 * const catalog: Catalog = new MemoryCatalog();
 * await catalog.transact((state) => {
 *   state.databases.set('db', { name: 'db', kmsKeyId, createdAt: now, updatedAt: now, tags: [], tables: new Map() });
 * });
 * await catalog.getTable('db', 'telemetry'); // CatalogReader, for the query engine
 */
export interface Catalog extends CatalogReader {
  /** A copy of the whole state, for read-only operations. */
  snapshot(): Promise<CatalogState>;
  transact<T>(change: (state: CatalogState) => T): Promise<T>;
  /** Waits for pending writes. */
  close(): Promise<void>;
}

/** Maps, not objects: `__proto__` and `constructor` are valid Timestream names. */
export interface CatalogState {
  databases: Map<string, DatabaseEntry>;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface DatabaseEntry {
  name: string;
  kmsKeyId: string;
  /** ms since the epoch */
  createdAt: number;
  updatedAt: number;
  tags: Tag[];
  tables: Map<string, TableEntry>;
}

export interface TableEntry {
  name: string;
  databaseName: string;
  memoryStoreRetentionHours: number;
  magneticStoreRetentionDays: number;
  /** `MagneticStoreWriteProperties` as given (EnableMagneticStoreWrites plus the S3 location). */
  magneticStoreWrites: { EnableMagneticStoreWrites: boolean } & Record<string, unknown>;
  /** `Schema` as given, or the default. */
  schema: { CompositePartitionKey: Record<string, unknown>[] };
  createdAt: number;
  updatedAt: number;
  tags: Tag[];
}

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 24 * MS_PER_HOUR;

/**
 * How far back a table keeps data: the memory store's retention plus the magnetic store's. Data
 * moves from the memory store to the magnetic store, so a record lives for both periods
 * (developer guide, storage.html); the same span bounds magnetic-store writes (see write/window.ts).
 */
export function retentionMs(table: TableEntry): number {
  return (
    table.memoryStoreRetentionHours * MS_PER_HOUR + table.magneticStoreRetentionDays * MS_PER_DAY
  );
}

export function memoryRetentionMs(table: TableEntry): number {
  return table.memoryStoreRetentionHours * MS_PER_HOUR;
}
