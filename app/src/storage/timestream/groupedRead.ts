import type { Row } from '@aws-sdk/client-timestream-query';
import { sortGroupedRows, type GroupedRow } from '../aggregate.js';
import type { RecordFilter, TableRef } from '../TelemetryStore.js';
import { unknownNames, type ColumnNames } from './columns.js';
import { errorMessage, errorName, isTableNotFound, toStorageError } from './errors.js';
import { runQuery, type QueryContext } from './query.js';
import type { SchemaCache, TableSchema } from './schema.js';

/** One grouped SELECT: which of the table's columns it names, its SQL, and how a row reads. */
export interface GroupedStatement<Query, Columns, Result> {
  columns(query: Query, schema: TableSchema): Columns;
  sql(table: TableRef, query: Query, columns: Columns): string;
  /** The port's rows for one SQL row: none for a row that stands for no records. */
  parse(row: Row, query: Query, columns: Columns): Result[];
}

/**
 * How `aggregate()` and `latest()` run their one SELECT: against the table's schema, so that only
 * columns it has are named (columns.ts), all its pages, rows in the port's order. An empty range
 * or an empty list of measure names reads nothing. As in `query()`, an unknown table reads as
 * empty and so does a filter on a dimension the table does not have. Names the cached schema
 * lacks trigger one fresh DESCRIBE; should Timestream still answer "Column 'x' does not exist" (a
 * column the cache knew but the table no longer shows), the schema is reloaded and the statement
 * run once more. Errors come out as the port's.
 *
 * @example
 * return readGrouped(context, table, query, { columns: latestColumns, sql: buildLatest, parse });
 */
export async function readGrouped<
  Query extends ColumnNames & RecordFilter,
  Columns,
  Result extends GroupedRow,
>(
  context: QueryContext,
  table: TableRef,
  query: Query,
  statement: GroupedStatement<Query, Columns, Result>,
): Promise<Result[]> {
  if (query.to <= query.from || query.measureNames?.length === 0) return [];
  const run = async (schema: TableSchema): Promise<Result[]> => {
    const columns = statement.columns(query, schema);
    const sql = statement.sql(table, query, columns);
    const { rows } = await runQuery(context.client, sql, context.retry);
    const found = rows.flatMap((row) => statement.parse(row, query, columns));
    return sortGroupedRows(found, query.groupBy ?? []);
  };
  try {
    const schema = await schemaFor(context, table, query, false);
    if (!schema) return [];
    try {
      return await run(schema);
    } catch (error) {
      if (!isUnknownColumn(error)) throw error;
      const fresh = await schemaFor(context, table, query, true);
      return fresh ? await run(fresh) : [];
    }
  } catch (error) {
    throw toStorageError(error);
  }
}

/** The table's schema, or undefined when no record can match (no table, unknown dimension). */
async function schemaFor(
  context: QueryContext,
  table: TableRef,
  query: ColumnNames,
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
  query: ColumnNames,
  reload: boolean,
): Promise<TableSchema> {
  if (reload) return schemas.refresh(table);
  const cached = schemas.has(table);
  const schema = await schemas.get(table);
  return cached && unknownNames(query, schema).length > 0 ? schemas.refresh(table) : schema;
}

/** Timestream's answer to a column the table does not have (aws/aws-cdk#22062). */
function isUnknownColumn(error: unknown): boolean {
  return (
    errorName(error) === 'ValidationException' &&
    /Column '[^]*' does not exist/.test(errorMessage(error))
  );
}
