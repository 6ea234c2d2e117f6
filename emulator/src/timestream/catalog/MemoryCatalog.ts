import type { TableSummary } from '../catalogReader.js';
import { retentionMs, type Catalog, type CatalogState } from './Catalog.js';

/**
 * The catalog in memory: the default when records are in memory too, and the base of
 * `FileCatalog`, which only adds `persist`.
 *
 * @example
 * const catalog = new MemoryCatalog();
 * await catalog.listDatabases(); // []
 */
export class MemoryCatalog implements Catalog {
  private state: CatalogState;
  /** The tail of the transaction queue: transactions run one at a time, in call order. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(initial: CatalogState = { databases: new Map() }) {
    this.state = structuredClone(initial);
  }

  async snapshot(): Promise<CatalogState> {
    return structuredClone(this.state);
  }

  transact<T>(change: (state: CatalogState) => T): Promise<T> {
    const run = async (): Promise<T> => {
      const draft = structuredClone(this.state);
      const result = change(draft);
      await this.persist(draft);
      this.state = draft;
      return result;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
  }

  async listDatabases(): Promise<string[]> {
    return [...this.state.databases.keys()].sort(byCodePoint);
  }

  async listTables(databaseName: string): Promise<string[] | undefined> {
    const database = this.state.databases.get(databaseName);
    return database ? [...database.tables.keys()].sort(byCodePoint) : undefined;
  }

  async getTable(databaseName: string, tableName: string): Promise<TableSummary | undefined> {
    const table = this.state.databases.get(databaseName)?.tables.get(tableName);
    if (!table) return undefined;
    return { databaseName, tableName, retentionMs: retentionMs(table) };
  }

  /** Called with the new state before it replaces the old one; a throw aborts the change. */
  protected async persist(_state: CatalogState): Promise<void> {}
}

/** Names sort by code point, like a plain string comparison (no locale). */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
