import {
  QueryCommand,
  type ColumnInfo,
  type Row,
  type TimestreamQueryClient,
} from '@aws-sdk/client-timestream-query';
import type { TelemetryRecord } from '../../telemetry/record.js';
import { StorageError, type RecordQuery, type TableRef } from '../TelemetryStore.js';
import { sortByTimeThenSeries } from '../order.js';
import { isTableNotFound, toStorageError } from './errors.js';
import { parseRows, unknownColumns } from './parseRows.js';
import { withRetry, type RetryPolicy } from './retry.js';
import { parseDescribe, type SchemaCache, type TableSchema } from './schema.js';
import { buildDescribe, buildSelect } from './sql.js';

export interface QueryContext {
  client: TimestreamQueryClient;
  retry: RetryPolicy;
  schemas: SchemaCache;
}

export interface QueryResult {
  columns: ColumnInfo[];
  rows: Row[];
}

/**
 * Runs one statement through the Query API and follows `NextToken` to the end. A page may hold no
 * rows and only a token (model docs for MaxRows), so paging goes on until the token is gone.
 */
export async function runQuery(
  client: TimestreamQueryClient,
  queryString: string,
  retry: RetryPolicy,
): Promise<QueryResult> {
  const result: QueryResult = { columns: [], rows: [] };
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await withRetry(
      () => client.send(new QueryCommand({ QueryString: queryString, NextToken: token })),
      retry,
    );
    if (result.columns.length === 0 && page.ColumnInfo) result.columns = page.ColumnInfo;
    result.rows.push(...(page.Rows ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return result;
}

/** The loader behind the SchemaCache: a DESCRIBE of the table. */
export function describeTable(client: TimestreamQueryClient, retry: RetryPolicy) {
  return async (table: TableRef): Promise<TableSchema> => {
    const { columns, rows } = await runQuery(client, buildDescribe(table), retry);
    return parseDescribe(columns, rows);
  };
}

/**
 * `query()` of the port: records in [from, to), in the port's order (time, then series), filtered.
 * An unknown table reads as empty, as the contract asks; the Query API would refuse it with a
 * ValidationException.
 */
export async function queryRecords(
  context: QueryContext,
  table: TableRef,
  query: RecordQuery,
): Promise<TelemetryRecord[]> {
  checkLimit(query.limit);
  if (query.to <= query.from || query.limit === 0 || query.measureNames?.length === 0) return [];
  try {
    let schema: TableSchema;
    try {
      schema = await context.schemas.get(table);
    } catch (error) {
      if (isTableNotFound(error)) return [];
      throw error;
    }
    if (!hasDimensions(schema, query)) {
      schema = await context.schemas.refresh(table);
      // Timestream would answer "Column 'x' does not exist"; no record can match, so: none.
      if (!hasDimensions(schema, query)) return [];
    }
    const { columns, rows } = await runQuery(
      context.client,
      buildSelect(table, query),
      context.retry,
    );
    if (unknownColumns(columns, schema).length > 0) schema = await context.schemas.refresh(table);
    // SQL orders by time only; ties are put in the port's series order here.
    return sortByTimeThenSeries(parseRows(columns, rows, schema));
  } catch (error) {
    throw toStorageError(error);
  }
}

function hasDimensions(schema: TableSchema, query: RecordQuery): boolean {
  return Object.keys(query.dimensions ?? {}).every(
    (name) => schema.get(name)?.attribute === 'DIMENSION',
  );
}

function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new StorageError(`limit must be a non-negative integer, got ${limit}`);
  }
}
