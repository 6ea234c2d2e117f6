import type { Datum, Row } from '@aws-sdk/client-timestream-query';
import { checkAggregateQuery, namedEntries, sortAggregateRows } from '../aggregate.js';
import type { AggregateQuery, AggregateRow, MeasureStats, TableRef } from '../TelemetryStore.js';
import {
  aggregateColumns,
  buildAggregate,
  unknownNames,
  type AggregateColumns,
} from './aggregateSql.js';
import { errorMessage, errorName, isTableNotFound, toStorageError } from './errors.js';
import { runQuery, type QueryContext } from './query.js';
import type { SchemaCache, TableSchema } from './schema.js';
import { parseTimestamp } from './time.js';

/**
 * `aggregate()` of the port: one SELECT ... GROUP BY (aggregateSql.ts), all its pages, rows in
 * the port's order. As in `query()`, an unknown table reads as empty and so does a filter on a
 * dimension the table does not have. Names the cached schema lacks trigger one fresh DESCRIBE;
 * should Timestream still answer "Column 'x' does not exist" (a column the cache knew but the
 * table no longer shows), the schema is reloaded and the query built and run once more.
 */
export async function aggregateRecords(
  context: QueryContext,
  table: TableRef,
  query: AggregateQuery,
): Promise<AggregateRow[]> {
  checkAggregateQuery(query);
  if (query.to <= query.from || query.measureNames?.length === 0) return [];
  try {
    const schema = await schemaFor(context, table, query, false);
    if (!schema) return [];
    try {
      return await run(context, table, query, schema);
    } catch (error) {
      if (!isUnknownColumn(error)) throw error;
      const fresh = await schemaFor(context, table, query, true);
      return fresh ? await run(context, table, query, fresh) : [];
    }
  } catch (error) {
    throw toStorageError(error);
  }
}

/** The table's schema, or undefined when no record can match (no table, unknown dimension). */
async function schemaFor(
  context: QueryContext,
  table: TableRef,
  query: AggregateQuery,
  reload: boolean,
): Promise<TableSchema | undefined> {
  let schema: TableSchema;
  try {
    schema = await knownSchema(context.schemas, table, query, reload);
  } catch (error) {
    if (isTableNotFound(error)) return undefined;
    throw error;
  }
  const filtered = Object.keys(query.dimensions ?? {});
  return filtered.every((name) => schema.get(name)?.attribute === 'DIMENSION') ? schema : undefined;
}

/**
 * The cached schema, reloaded when it lacks a name the query uses (written since it was loaded,
 * or never: then each such query costs a DESCRIBE). One loaded by this call is not reloaded.
 */
async function knownSchema(
  schemas: SchemaCache,
  table: TableRef,
  query: AggregateQuery,
  reload: boolean,
): Promise<TableSchema> {
  if (reload) return schemas.refresh(table);
  const cached = schemas.has(table);
  const schema = await schemas.get(table);
  return cached && unknownNames(query, schema).length > 0 ? schemas.refresh(table) : schema;
}

async function run(
  context: QueryContext,
  table: TableRef,
  query: AggregateQuery,
  schema: TableSchema,
): Promise<AggregateRow[]> {
  const columns = aggregateColumns(query, schema);
  const sql = buildAggregate(table, query, columns);
  const { rows } = await runQuery(context.client, sql, context.retry);
  const parsed = rows.map((row) => parseRow(row, query, columns));
  // Without GROUP BY, SQL answers one row even over no records; the port answers none.
  const found = parsed.filter((row) => row.records > 0);
  return sortAggregateRows(found, query.groupBy ?? []);
}

/** Reads the cells in the order `buildAggregate` selects them; names not in the SQL get defaults. */
function parseRow(row: Row, query: AggregateQuery, columns: AggregateColumns): AggregateRow {
  const cells = row.Data ?? [];
  let at = 0;
  const next = (): string | null => scalar(cells[at++]);
  const bin = columns.bin === undefined ? undefined : parseTimestamp(next() ?? '');
  const group = new Map(columns.groupBy.map((name) => [name, next()]));
  const records = Number(next() ?? 0);
  const stats = new Map(columns.measures.map((name) => [name, measureStats(next, columns)]));
  const distinct = new Map(columns.distinct.map((name) => [name, Number(next() ?? 0)]));
  const aggregateRow: AggregateRow = {
    group: byName(query.groupBy, (name) => group.get(name) ?? null),
    records,
    measures: byName(query.measures, (name) => stats.get(name) ?? noValues()),
    distinct: byName(query.distinct, (name) => distinct.get(name) ?? 0),
  };
  if (bin !== undefined) return { bin, ...aggregateRow };
  // A bin wider than any timestamp: every record is in the bin at 0 (aggregateSql.ts).
  return query.bin === undefined ? aggregateRow : { bin: 0n, ...aggregateRow };
}

function byName<T>(names: readonly string[] = [], value: (name: string) => T): Record<string, T> {
  return namedEntries(names, (i) => value(names[i] as string));
}

/** The selected statistics of one measure, in `columns.stats` order; the others are null. */
function measureStats(next: () => string | null, columns: AggregateColumns): MeasureStats {
  const stats: MeasureStats = { count: null, sum: null, min: null, max: null };
  for (const stat of columns.stats) {
    const text = next();
    stats[stat] = text === null ? (stat === 'count' ? 0 : null) : Number(text);
  }
  return stats;
}

/** A measure that is not a DOUBLE column of the table: no value counts. */
function noValues(): MeasureStats {
  return { count: 0, sum: null, min: null, max: null };
}

function scalar(datum: Datum | undefined): string | null {
  if (!datum || datum.NullValue) return null;
  return datum.ScalarValue ?? null;
}

/** Timestream's answer to a column the table does not have (aws/aws-cdk#22062). */
function isUnknownColumn(error: unknown): boolean {
  return (
    errorName(error) === 'ValidationException' &&
    /Column '[^]*' does not exist/.test(errorMessage(error))
  );
}
