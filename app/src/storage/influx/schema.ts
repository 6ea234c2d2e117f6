import { StorageError, type TableRef } from '../TelemetryStore.js';
import type { InfluxConnection, StatementResult } from './connection.js';
import { isDatabaseNotFound, toStorageError } from './errors.js';
import { identifier } from './influxql.js';
import type { InfluxFieldType, PointField } from './mapping.js';
import { encodeName } from './names.js';

/** What a measurement holds, keys as stored (encoded). */
export interface MeasurementSchema {
  /** Field key -> its types: more than one only when shards disagree (InfluxDB checks per shard). */
  fields: Map<string, InfluxFieldType[]>;
  tags: Set<string>;
}

const FIELD_TYPES = new Set<string>(['float', 'integer', 'string', 'boolean']);

/** `SHOW FIELD KEYS` and `SHOW TAG KEYS` in one request; undefined when the database is missing. */
export async function loadSchema(
  connection: InfluxConnection,
  table: TableRef,
): Promise<MeasurementSchema | undefined> {
  const measurement = identifier(encodeName(table.table));
  const showFields = `SHOW FIELD KEYS FROM ${measurement}`;
  const [fieldKeys, tagKeys] = await connection.query(
    [showFields, `SHOW TAG KEYS FROM ${measurement}`],
    table.database,
  );
  if (fieldKeys?.error || tagKeys?.error) {
    // InfluxDB 1.6 answers a batch of statements on a missing database with a bare
    // "not executed"; the first statement on its own says what is wrong.
    const [alone] = await connection.query(showFields, table.database);
    const error = alone?.error ?? fieldKeys?.error ?? tagKeys?.error ?? 'unknown error';
    if (isDatabaseNotFound(error)) return undefined;
    throw toStorageError(new Error(error), 'reading the schema');
  }
  return parseSchema(fieldKeys, tagKeys);
}

export function parseSchema(
  fieldKeys: StatementResult | undefined,
  tagKeys: StatementResult | undefined,
): MeasurementSchema {
  const fields = new Map<string, InfluxFieldType[]>();
  for (const [key, type] of fieldKeys?.series?.[0]?.values ?? []) {
    if (typeof key !== 'string' || typeof type !== 'string' || !FIELD_TYPES.has(type)) continue;
    fields.set(key, [...(fields.get(key) ?? []), type as InfluxFieldType]);
  }
  const tags = new Set<string>();
  for (const [key] of tagKeys?.series?.[0]?.values ?? []) {
    if (typeof key === 'string') tags.add(key);
  }
  return { fields, tags };
}

/** What the schema caches of one process share (writerState.ts): entries and loads under way. */
export interface SchemaEntries {
  /** `at`: when the read that gave the schema started. */
  cached: Map<string, { schema: MeasurementSchema; at: number }>;
  loading: Map<string, Promise<MeasurementSchema | undefined>>;
}

export const schemaEntries = (): SchemaEntries => ({ cached: new Map(), loading: new Map() });

/**
 * Schemas kept for a short while, so a query does not cost two requests. Readers that meet a
 * column the cached schema lacks ask again with `fresh` (rows.ts reports unknown columns).
 * Callers that want the same table while its schema is being read share that one read.
 *
 * The entries may be shared (`entries`): in the emulated stack every Lambda environment builds
 * its own store, and each new one would otherwise read the schema again before its first write.
 */
export class SchemaCache {
  constructor(
    private readonly load: (table: TableRef) => Promise<MeasurementSchema | undefined>,
    private readonly entries: SchemaEntries = schemaEntries(),
    private readonly ttlMs = 2000,
  ) {}

  async get(table: TableRef, fresh = false): Promise<MeasurementSchema | undefined> {
    const key = cacheKey(table);
    const cached = this.entries.cached.get(key);
    if (!fresh && cached && Date.now() - cached.at < this.ttlMs) return cached.schema;
    const under = this.entries.loading.get(key);
    if (under && !fresh) return under;
    // A read that started earlier than the one cached (a `fresh` read overtook it) is not kept.
    const started = Date.now();
    const loading = this.load(table).then((schema) => {
      const current = this.entries.cached.get(key);
      if (current && current.at > started) return schema;
      if (schema) this.entries.cached.set(key, { schema, at: started });
      else this.entries.cached.delete(key);
      return schema;
    });
    this.entries.loading.set(key, loading);
    const done = () => {
      if (this.entries.loading.get(key) === loading) this.entries.loading.delete(key);
    };
    loading.then(done, done);
    return loading;
  }

  /** Adds what a successful write created, so this process's next read knows it. */
  learn(table: TableRef, fields: readonly PointField[], tagKeys: Iterable<string>): void {
    const cached = this.entries.cached.get(cacheKey(table));
    if (!cached) return;
    for (const f of fields) {
      const types = cached.schema.fields.get(f.key) ?? [];
      if (!types.includes(f.type)) cached.schema.fields.set(f.key, [...types, f.type]);
    }
    for (const tag of tagKeys) cached.schema.tags.add(tag);
  }

  forget(table: TableRef): void {
    this.entries.cached.delete(cacheKey(table));
  }
}

function cacheKey(table: TableRef): string {
  return JSON.stringify([table.database, table.table]);
}

/**
 * Whether a measure is stored as a float field, i.e. has DOUBLE values to read. A field that is a
 * float in some shards and another type in others is refused: InfluxDB's JSON would not say which
 * of its values are which.
 */
export function isFloatField(schema: MeasurementSchema, measure: string, action: string): boolean {
  const types = schema.fields.get(encodeName(measure));
  if (!types || !types.includes('float')) return false;
  if (types.length > 1) {
    throw new StorageError(
      `${action}: measure '${measure}' is stored as ${types.join(' and ')} in different shards`,
    );
  }
  return true;
}
