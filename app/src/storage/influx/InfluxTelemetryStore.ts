import { seriesKey, type TelemetryRecord } from '../../telemetry/record.js';
import { sortByTimeThenSeries } from '../order.js';
import {
  StorageError,
  type RecordQuery,
  type RecordRejection,
  type StorageBackend,
  type TableRef,
  type TelemetryStore,
  type WriteResult,
} from '../TelemetryStore.js';
import { chunkedWrite } from './chunkedWrite.js';
import { deleteStatements, readCollisions } from './collisions.js';
import { InfluxConnection, type InfluxStoreOptions } from './connection.js';
import { isDatabaseNotFound } from './errors.js';
import { allEqual, anyOf, identifier } from './influxql.js';
import { MEASURE_NAME_TAG, pointTags, toPoint } from './mapping.js';
import { encodeName } from './names.js';
import { needsDelete, planWrite, type PlannedWrite } from './plan.js';
import { KeyedLock } from './keyedLock.js';
import { loadSchema, SchemaCache } from './schema.js';
import { selectRecords, type Selection } from './select.js';

/**
 * The `TelemetryStore` on InfluxDB 1.x, through node-influx. mapping.ts says how records become
 * points. InfluxDB silently merges a re-written point, so this adapter enforces Timestream's upsert
 * rules itself: it reads the points a batch could collide with, decides each record
 * (`decideUpsert`), and writes only what the rules accept.
 *
 * The check and the write run under an in-process lock per series, so two concurrent writes in
 * this process cannot both pass the check. Several processes writing the same series can still
 * race (InfluxDB 1.x has no conditional write); the later point then wins.
 *
 * @example
 * const store = new InfluxTelemetryStore({ url: 'http://localhost:8086', timeoutMs: 5000 });
 * // or: new InfluxTelemetryStore({ client: new InfluxDB({ host: 'influx' }) })
 * const table = { database: 'windtunnel', table: 'telemetry' };
 * const { stored, rejected } = await store.write(table, records);
 * const rows = await store.query(table, { from: 0n, to: BigInt(Date.now()) * 1_000_000n });
 * await store.close();
 */
export class InfluxTelemetryStore implements TelemetryStore {
  readonly backend: StorageBackend = 'influx';
  private readonly connection: InfluxConnection;
  private readonly schemas: SchemaCache;
  private readonly lock = new KeyedLock();
  private readonly databases = new Map<string, Promise<void>>();

  constructor(options: InfluxStoreOptions) {
    this.connection = new InfluxConnection(options);
    this.schemas = new SchemaCache((table) => loadSchema(this.connection, table));
  }

  async write(table: TableRef, records: readonly TelemetryRecord[]): Promise<WriteResult> {
    if (records.length === 0) return { stored: [], rejected: [] };
    await this.ensureDatabase(table.database);
    const keys = records.map((r) => JSON.stringify([table.database, table.table, seriesKey(r)]));
    return this.lock.run(keys, () => this.checkAndWrite(table, records));
  }

  async query(table: TableRef, query: RecordQuery): Promise<TelemetryRecord[]> {
    const limit = query.limit === undefined ? undefined : Math.floor(query.limit);
    if (query.from >= query.to || query.measureNames?.length === 0) return [];
    if (limit !== undefined && limit <= 0) return [];
    const selection = toSelection(query);
    const records = await this.select(table, { ...selection, limit });
    const last = records.at(-1)?.time;
    if (limit === undefined || records.length < limit || last === undefined) return records;
    // InfluxDB orders by time only: records tied with the last one may have been cut off in an
    // order other than ours. Read that instant in full and cut again.
    const atLast = await this.select(table, { ...selection, from: last, to: last + 1n });
    return [...records.filter((r) => r.time < last), ...atLast].slice(0, limit);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    this.connection.close();
  }

  private async select(table: TableRef, selection: Selection): Promise<TelemetryRecord[]> {
    const records = await selectRecords(this.connection, this.schemas, table, selection);
    return sortByTimeThenSeries(records);
  }

  private async checkAndWrite(
    table: TableRef,
    records: readonly TelemetryRecord[],
  ): Promise<WriteResult> {
    const schema = (await this.schemas.get(table)) ?? { fields: new Map(), tags: new Set() };
    const existing = await readCollisions(this.connection, this.schemas, table, records);
    const plan = planWrite(records, existing, schema);
    const replacing = plan.writes.filter(needsDelete);
    if (replacing.length > 0) await this.deletePoints(table, replacing, schema.tags);

    const outcome = await chunkedWrite(plan.writes, (chunk) =>
      this.writePoints(
        table,
        chunk.map((w) => toPoint(w.record, table.table)),
      ),
    );
    if (outcome.unavailable && outcome.written.length === 0) throw outcome.unavailable;

    const stored = [...plan.kept, ...outcome.written.flatMap((w) => w.indexes)];
    const rejected: RecordRejection[] = [...plan.rejected];
    for (const { item, code, reason } of outcome.refused) {
      rejected.push(...item.indexes.map((index) => ({ index, code, reason })));
    }
    const reason = `InfluxDB became unavailable: ${outcome.unavailable?.message}`;
    for (const write of outcome.unwritten) {
      rejected.push(
        ...write.indexes.map((index) => ({ index, code: 'StoreUnavailable' as const, reason })),
      );
    }
    this.learn(table, outcome.written);
    return {
      stored: stored.sort((a, b) => a - b),
      rejected: rejected.sort((a, b) => a.index - b.index),
    };
  }

  /** Writes points; a database dropped behind our back is created again, once. */
  private async writePoints(table: TableRef, points: ReturnType<typeof toPoint>[]): Promise<void> {
    try {
      await this.connection.write(points, table.database);
    } catch (error) {
      if (!isDatabaseNotFound(error)) throw error;
      this.databases.delete(table.database);
      this.schemas.forget(table);
      await this.ensureDatabase(table.database);
      await this.connection.write(points, table.database);
    }
  }

  /**
   * InfluxDB cannot remove some fields of a point, only the whole point, so a replacement that
   * lacks some of the stored fields deletes the stored point first. Not atomic: if the write then
   * fails, the old record is gone and the caller's retry (it got an error) writes the new one.
   */
  private async deletePoints(
    table: TableRef,
    writes: readonly PlannedWrite[],
    tagKeys: ReadonlySet<string>,
  ): Promise<void> {
    const statements = deleteStatements(table, writes, tagKeys);
    for (let i = 0; i < statements.length; i += 100) {
      const results = await this.connection.query(statements.slice(i, i + 100), table.database);
      const failed = results.find((r) => r.error);
      if (failed) throw new StorageError(`InfluxDB refused a DELETE: ${failed.error}`);
    }
  }

  private learn(table: TableRef, written: readonly PlannedWrite[]): void {
    const fields = written.flatMap((w) => w.fields);
    const tags = new Set(written.flatMap((w) => Object.keys(pointTags(w.record))));
    this.schemas.learn(table, fields, tags);
  }

  /** `CREATE DATABASE` once per database and process (it is idempotent in InfluxDB). */
  private ensureDatabase(database: string): Promise<void> {
    let created = this.databases.get(database);
    if (!created) {
      created = this.createDatabase(database);
      this.databases.set(database, created);
      created.catch(() => this.databases.delete(database));
    }
    return created;
  }

  private async createDatabase(database: string): Promise<void> {
    const [result] = await this.connection.query(
      `CREATE DATABASE ${identifier(database)}`,
      database,
    );
    if (result?.error) throw new StorageError(`InfluxDB refused CREATE DATABASE: ${result.error}`);
  }
}

/** The query's filters as InfluxQL conditions on the stored (encoded) tags. */
function toSelection(query: RecordQuery): Selection {
  const dimensions = Object.entries(query.dimensions ?? {}).map(
    ([name, value]): [string, string] => [encodeName(name), encodeName(value)],
  );
  const conditions = dimensions.length > 0 ? [allEqual(dimensions)] : [];
  if (query.measureNames) {
    const names = query.measureNames.map((n) => allEqual([[MEASURE_NAME_TAG, encodeName(n)]]));
    conditions.push(anyOf(names));
  }
  return {
    from: query.from,
    to: query.to,
    conditions,
    tagKeys: dimensions.map(([key]) => key),
  };
}
