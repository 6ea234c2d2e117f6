import type { TelemetryRecord } from '../../telemetry/record.js';
import type { TableRef } from '../TelemetryStore.js';
import type { InfluxConnection } from './connection.js';
import { isDatabaseNotFound, toStorageError } from './errors.js';
import { identifier, source, timeLiteral } from './influxql.js';
import { encodeName } from './names.js';
import { recordsFromSeries } from './rows.js';
import type { MeasurementSchema, SchemaCache } from './schema.js';
import { LOW_MODULUS } from './values.js';

export interface Selection {
  /** Inclusive, ns. */
  from: bigint;
  /** Exclusive, ns. */
  to: bigint;
  /** Extra InfluxQL conditions, ANDed; built with influxql.ts from stored (encoded) names. */
  conditions?: string[];
  /** Tag keys (stored form) the conditions compare; if the measurement lacks one, nothing matches. */
  tagKeys?: string[];
  limit?: number;
}

/**
 * Alias prefix for the low parts of integer fields. No stored key can start with it: encoded
 * keys carry `%` only as `%25`, `%5C`, `%0A` or `%0D` (names.ts).
 */
const LOW_ALIAS = '%low:';

/** `SELECT *, "<int field>" % 1e9 AS "%low:<i>", ... FROM ... WHERE ...` and the alias map. */
export function buildSelect(
  table: TableRef,
  schema: MeasurementSchema,
  selection: Selection,
): { statement: string; lowColumns: Map<string, string> } {
  const lowColumns = new Map<string, string>();
  const columns = ['*'];
  for (const [key, types] of schema.fields) {
    // `%` on a field that is a string in some shard fails the whole statement: integers only.
    if (types.length !== 1 || types[0] !== 'integer') continue;
    const alias = `${LOW_ALIAS}${lowColumns.size}`;
    lowColumns.set(alias, key);
    columns.push(`${identifier(key)} % ${LOW_MODULUS} AS ${identifier(alias)}`);
  }
  const limit = selection.limit === undefined ? '' : ` LIMIT ${selection.limit}`;
  const statement =
    `SELECT ${columns.join(', ')} FROM ${source(table.database, encodeName(table.table))}` +
    ` WHERE ${whereOf(selection)}${limit}`;
  return { statement, lowColumns };
}

/** The selection's WHERE conditions, `[from, to)` first, ANDed. */
export function whereOf(selection: Selection): string {
  return [
    `time >= ${timeLiteral(selection.from)}`,
    `time < ${timeLiteral(selection.to)}`,
    ...(selection.conditions ?? []),
  ].join(' AND ');
}

/**
 * Records matching `selection`, in InfluxDB's order (by time). A missing database or measurement
 * gives []. If a column turns up that the cached schema does not know (another writer added a
 * field), the schema is read again and the query repeated once.
 */
export async function selectRecords(
  connection: InfluxConnection,
  schemas: SchemaCache,
  table: TableRef,
  selection: Selection,
): Promise<TelemetryRecord[]> {
  for (const fresh of [false, true]) {
    const schema = await schemas.get(table, fresh);
    if (!schema || schema.fields.size === 0) return [];
    if (selection.tagKeys?.some((k) => !schema.tags.has(k))) return [];
    const { statement, lowColumns } = buildSelect(table, schema, selection);
    const [result] = await connection.query(statement, table.database);
    if (result?.error) {
      if (isDatabaseNotFound(result.error)) return [];
      throw toStorageError(new Error(result.error), 'query');
    }
    const series = result?.series?.[0];
    if (!series) return [];
    const { records, unknownColumns } = recordsFromSeries(series, schema, lowColumns);
    if (unknownColumns.length === 0 || fresh) return records;
  }
  return [];
}
