import { recordKeyOf, seriesKey, type TelemetryRecord } from '../../telemetry/record.js';
import { sortByTimeThenSeries } from '../order.js';
import { checkAggregateQuery, sortGroupedRows } from '../aggregate.js';
import { checkLatestQuery } from '../latest.js';
import {
  StorageError,
  type AggregateQuery,
  type AggregateRow,
  type LatestQuery,
  type LatestRow,
  type RecordFilter,
  type RecordQuery,
  type RecordRejection,
  type StorageBackend,
  type TableRef,
  type TelemetryStore,
  type WriteResult,
} from '../TelemetryStore.js';
import { aggregateStored } from './aggregate.js';
import { chunkedWrite } from './chunkedWrite.js';
import { deleteStatements, readCollisions } from './collisions.js';
import { InfluxConnection, type InfluxStoreOptions } from './connection.js';
import { isDatabaseNotFound } from './errors.js';
import { allEqual, anyOf, identifier } from './influxql.js';
import { MEASURE_NAME_TAG, pointTags, toLine } from './mapping.js';
import { encodeName } from './names.js';
import { needsDelete, planWrite, type PlannedWrite } from './plan.js';
import { latestStored } from './latest.js';
import { LatestTimes } from './latestTimes.js';
import { loadSchema, SchemaCache, type MeasurementSchema } from './schema.js';
import { selectRecords, type Selection } from './select.js';
import { writerStateFor, type WriterState } from './writerState.js';

/**
 * The `TelemetryStore` on InfluxDB 1.x, through node-influx. mapping.ts says how records become
 * points. InfluxDB silently merges a re-written point, so this adapter enforces Timestream's upsert
 * rules itself: it reads the points a batch could collide with, decides each record
 * (`decideUpsert`), and writes only what the rules accept. Records later than everything their
 * series holds cannot collide and skip the read (latestTimes.ts), which is how telemetry in time
 * order is written at close to InfluxDB's own speed (see `write`).
 *
 * The check and the write run under an in-process lock per record identity, so two concurrent
 * writes in this process cannot both pass the check. Several processes writing the same series
 * can still race (InfluxDB 1.x has no conditional write); the later point then wins.
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
  private readonly shared: WriterState;
  private readonly databases: Map<string, Promise<void>>;

  constructor(options: InfluxStoreOptions) {
    this.shared = writerStateFor(options);
    this.connection = new InfluxConnection(options, this.shared.writes);
    this.schemas = new SchemaCache(
      (table) => loadSchema(this.connection, table),
      this.shared.schemas,
    );
    this.databases = this.shared.databases;
  }

  /**
   * Two paths. A batch whose every record is later than its series' latest stored time
   * (latestTimes.ts) cannot collide with anything stored: it claims those times and is written at
   * once, tracked as pending. Any other batch takes the lock of its records' identities (series
   * and time), claims its times, waits for pending writes of those identities, reads what its
   * records could collide with, and writes what the upsert rules accept. The claim and the choice
   * of path happen in one tick, so no two writers can both take a record's identity as new.
   */
  async write(table: TableRef, records: readonly TelemetryRecord[]): Promise<WriteResult> {
    if (records.length === 0) return { stored: [], rejected: [] };
    await this.ensureDatabase(table.database);
    const schema = (await this.schemas.get(table)) ?? { fields: new Map(), tags: new Set() };
    const latest = await this.shared.latest.of(table, this.connection);
    const series = records.map(seriesKey);
    const tableKey = JSON.stringify([table.database, table.table]);
    const keys = () =>
      series.map((s, i) => `${tableKey}\n${recordKeyOf(s, (records[i] as TelemetryRecord).time)}`);
    if (records.every((r, i) => LatestTimes.isLater(latest, r, series[i] as string))) {
      LatestTimes.raise(latest, records, series);
      return this.shared.pending.track(keys, this.store(table, records, series, new Map(), schema));
    }
    const identities = keys();
    return this.shared.lock.run(identities, async () => {
      const maybe = records.flatMap((r, i) =>
        LatestTimes.isLater(latest, r, series[i] as string) ? [] : [i],
      );
      LatestTimes.raise(latest, records, series);
      await this.shared.pending.settled(maybe.map((i) => identities[i] as string));
      const existing = await readCollisions(
        this.connection,
        this.schemas,
        table,
        maybe.map((i) => records[i] as TelemetryRecord),
      );
      return this.store(table, records, series, existing, schema);
    });
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

  async aggregate(table: TableRef, query: AggregateQuery): Promise<AggregateRow[]> {
    checkAggregateQuery(query);
    if (query.from >= query.to || query.measureNames?.length === 0) return [];
    const selection = toSelection(query);
    const schema = await this.schemaFor(table, selection, query.measures ?? []);
    if (!schema) return [];
    const rows = await aggregateStored(this.connection, schema, table, query, selection);
    return sortGroupedRows(rows, query.groupBy ?? []);
  }

  /** One InfluxQL statement, newest point per group (latest.ts). */
  async latest(table: TableRef, query: LatestQuery): Promise<LatestRow[]> {
    checkLatestQuery(query);
    if (query.from >= query.to || query.measureNames?.length === 0) return [];
    const selection = toSelection(query);
    const schema = await this.schemaFor(table, selection, query.measures);
    if (!schema) return [];
    const rows = await latestStored(this.connection, schema, table, query, selection);
    return sortGroupedRows(rows, query.groupBy);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    this.connection.close();
  }

  /**
   * The measurement's schema for a read of these measures: read again when it lacks one of them
   * (another writer may have added it). Undefined when no point can match: no measurement, or a
   * filter on a tag it does not have.
   */
  private async schemaFor(
    table: TableRef,
    selection: Selection,
    measures: readonly string[],
  ): Promise<MeasurementSchema | undefined> {
    const fieldsKnown = (s: MeasurementSchema | undefined) =>
      measures.every((m) => s?.fields.has(encodeName(m)));
    let schema = await this.schemas.get(table);
    if (!fieldsKnown(schema)) schema = await this.schemas.get(table, true);
    if (!schema || schema.fields.size === 0) return undefined;
    if (selection.tagKeys?.some((k) => !schema.tags.has(k))) return undefined;
    return schema;
  }

  private async select(table: TableRef, selection: Selection): Promise<TelemetryRecord[]> {
    const records = await selectRecords(this.connection, this.schemas, table, selection);
    return sortByTimeThenSeries(records);
  }

  /** Writes what the upsert rules accept, given the stored records the batch collides with. */
  private async store(
    table: TableRef,
    records: readonly TelemetryRecord[],
    series: readonly string[],
    existing: ReadonlyMap<string, TelemetryRecord>,
    schema: MeasurementSchema,
  ): Promise<WriteResult> {
    const plan = planWrite(records, existing, schema, series);
    const replacing = plan.writes.filter(needsDelete);
    if (replacing.length > 0) await this.deletePoints(table, replacing, schema.tags);

    const outcome = await chunkedWrite(plan.writes, (chunk) =>
      this.writePoints(
        table,
        chunk.map((w) => toLine(w.record, table.table, w.fields, w.tags)).join('\n'),
        chunk.length,
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
  private async writePoints(table: TableRef, lines: string, count: number): Promise<void> {
    try {
      await this.connection.write(lines, table.database, count);
    } catch (error) {
      if (!isDatabaseNotFound(error)) throw error;
      this.databases.delete(table.database);
      this.schemas.forget(table);
      await this.ensureDatabase(table.database);
      await this.connection.write(lines, table.database, count);
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

  /** Tells the schema cache what the written points hold (it adds only what it lacks). */
  private learn(table: TableRef, written: readonly PlannedWrite[]): void {
    if (written.length === 0) return;
    const fields = written.flatMap((w) => w.fields);
    const tags = written.flatMap((w) => Object.keys(w.tags ?? pointTags(w.record)));
    this.schemas.learn(table, fields, tags);
  }

  /** `CREATE DATABASE` once per database and process (it is idempotent in InfluxDB), shared. */
  private ensureDatabase(database: string): Promise<void> {
    let created = this.databases.get(database);
    if (!created) {
      created = this.createDatabase(database);
      this.databases.set(database, created);
      const attempt = created;
      attempt.catch(() => {
        if (this.databases.get(database) === attempt) this.databases.delete(database);
      });
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
function toSelection(query: RecordFilter): Selection {
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
