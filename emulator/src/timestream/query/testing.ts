import { InMemoryTelemetryStore } from '../../../../app/src/storage/memory/index.js';
import {
  StorageError,
  type AggregateQuery,
  type LatestQuery,
  type RecordQuery,
  type TableRef,
  type TelemetryStore,
} from '../../../../app/src/storage/TelemetryStore.js';
import type { Dimension, Measure, TelemetryRecord } from '../../../../app/src/telemetry/record.js';
import type { CatalogReader, TableSummary } from '../catalogReader.js';
import type { QueryContext } from './context.js';
import { handleQuery } from './index.js';

/**
 * Test support for the query engine's suites (unit tests here, test/e2e/timestream-query.test.ts):
 * a catalog in memory, records in a line, and a `sql` helper that runs a query to the end and
 * gives back plain cells. Not used by the engine itself.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export function catalogOf(tables: TableSummary[]): CatalogReader {
  const databases = [...new Set(tables.map((t) => t.databaseName))].sort();
  return {
    listDatabases: async () => databases,
    listTables: async (db) =>
      databases.includes(db)
        ? tables
            .filter((t) => t.databaseName === db)
            .map((t) => t.tableName)
            .sort()
        : undefined,
    getTable: async (db, name) => tables.find((t) => t.databaseName === db && t.tableName === name),
  };
}

/** A record: dimensions as an object (sorted for the model), time in ms, a double by default. */
export function record(o: {
  dims?: Record<string, string>;
  name?: string;
  timeMs: number;
  measure?: Measure;
  value?: number | string;
}): TelemetryRecord {
  const dimensions: Dimension[] = Object.entries(o.dims ?? {})
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    dimensions,
    measureName: o.name ?? 'power',
    time: BigInt(o.timeMs) * 1_000_000n,
    version: 1n,
    measure: o.measure ?? { kind: 'single', type: 'DOUBLE', value: String(o.value ?? 1) },
  };
}

export function multi(values: Record<string, [string, string]>): Measure {
  return {
    kind: 'multi',
    values: Object.entries(values).map(([name, [type, value]]) => ({
      name,
      type: type as 'DOUBLE',
      value,
    })),
  };
}

export interface Table {
  columns: { name: string; type: string }[];
  /** Cells as their ScalarValue, or null for NullValue. */
  rows: (string | null)[][];
  pages: number;
}

/** Runs a query through every page (MaxRows as given) and returns the cells. */
export async function sql(
  ctx: QueryContext,
  queryString: string,
  maxRows?: number,
): Promise<Table> {
  const table: Table = { columns: [], rows: [], pages: 0 };
  let nextToken: string | undefined;
  do {
    const page = await handleQuery(
      {
        QueryString: queryString,
        ...(maxRows ? { MaxRows: maxRows } : {}),
        ...(nextToken ? { NextToken: nextToken } : {}),
      },
      ctx,
    );
    table.pages++;
    table.columns = page.ColumnInfo.map((c) => ({ name: c.Name, type: c.Type.ScalarType }));
    for (const row of page.Rows) {
      table.rows.push(row.Data.map((d) => ('ScalarValue' in d ? d.ScalarValue : null)));
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return table;
}

export function contextOf(
  store: TelemetryStore,
  tables: TableSummary[],
  nowMs: number,
  limits?: QueryContext['limits'],
): QueryContext {
  return { store, catalog: catalogOf(tables), now: () => nowMs, ...(limits ? { limits } : {}) };
}

/** The memory store, recording every query() call, and aggregate() and latest() calls apart. */
export class RecordingStore extends InMemoryTelemetryStore {
  calls: RecordQuery[] = [];
  aggregates: AggregateQuery[] = [];
  latests: LatestQuery[] = [];
  /** Whether aggregate() refuses, as a store that cannot aggregate would. */
  refuseAggregates = false;
  /** Whether latest() refuses, as a store that cannot find the newest records would. */
  refuseLatest = false;

  override async query(table: TableRef, query: RecordQuery) {
    this.calls.push(structuredClone(query));
    return super.query(table, query);
  }

  override async aggregate(table: TableRef, query: AggregateQuery) {
    this.aggregates.push(structuredClone(query));
    if (this.refuseAggregates) throw new StorageError('this store does not aggregate');
    return super.aggregate(table, query);
  }

  override async latest(table: TableRef, query: LatestQuery) {
    this.latests.push(structuredClone(query));
    if (this.refuseLatest) throw new StorageError('this store does not find the newest records');
    return super.latest(table, query);
  }
}

/**
 * One query on two fresh copies of the same data: once as the engine runs it (pushed down to the
 * store), once with the store refusing that pushdown (`refuse`), so on the record path. Throws if
 * the pushed run read more than the 1000-record sample that teaches it the columns, or if the
 * other never read records: then the comparison would prove nothing.
 */
export async function bothWays(
  setup: () => Promise<{ store: RecordingStore; ctx: QueryContext }>,
  query: string,
  refuse: 'refuseAggregates' | 'refuseLatest',
): Promise<{ viaStore: Table; viaRecords: Table; pushed: RecordingStore }> {
  const pushed = await setup();
  const viaStore = await sql(pushed.ctx, query);
  if (!pushed.store.calls.every((c) => c.limit === 1000)) {
    throw new Error(`the pushed run read records: ${query}`);
  }
  const reference = await setup();
  reference.store[refuse] = true;
  const viaRecords = await sql(reference.ctx, query);
  if (!reference.store.calls.some((c) => c.limit !== 1000)) {
    throw new Error(`the reference run read no records: ${query}`);
  }
  return { viaStore, viaRecords, pushed: pushed.store };
}
