import type { TelemetryStore } from '../../../../app/src/storage/TelemetryStore.js';
import type { CatalogReader } from '../catalogReader.js';
import { UnknownOperationException } from '../protocol/errors.js';
import type { OperationContext } from './context.js';

/**
 * The seam to the Query API engine (emulator/src/timestream/query/, built separately). The engine
 * module exports one function per operation it serves, `handle<Operation>(input, ctx)`, e.g.
 * `handleQuery` and `handleCancelQuery`; each returns the JSON output or throws the errors of
 * ../protocol/errors.js. It sees records only through the storage port and tables only through
 * CatalogReader.
 */
export interface QueryContext {
  store: TelemetryStore;
  catalog: CatalogReader;
  now: () => number;
}

export type QueryEngine = Record<string, unknown>;
export type QueryEngineLoader = () => Promise<QueryEngine>;

/** Operations only the Query API has (botocore `timestream-query` 2018-11-01). The four it
 * shares with the Write API (DescribeEndpoints and the tag operations) are served as there. */
export const QUERY_OPERATIONS = new Set([
  'Query',
  'CancelQuery',
  'PrepareQuery',
  'CreateScheduledQuery',
  'DeleteScheduledQuery',
  'DescribeScheduledQuery',
  'ExecuteScheduledQuery',
  'ListScheduledQueries',
  'UpdateScheduledQuery',
  'DescribeAccountSettings',
  'UpdateAccountSettings',
]);

/** The engine's path, in a variable so the server builds and runs before the engine exists. */
const ENGINE_MODULE = '../query/index.js';

/** Loads the engine on first use; a failed load is tried again on the next call. */
export function defaultEngineLoader(): QueryEngineLoader {
  let loading: Promise<QueryEngine> | undefined;
  return () => {
    loading ??= (import(ENGINE_MODULE) as Promise<QueryEngine>).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

export async function runQueryOperation(
  operation: string,
  input: unknown,
  context: OperationContext,
  load: QueryEngineLoader,
): Promise<unknown> {
  let engine: QueryEngine;
  try {
    engine = await load();
  } catch (error) {
    context.log(`query engine failed to load: ${String(error)}`);
    throw new UnknownOperationException(
      `${operation} is not available: windtunnel's Timestream query engine could not be loaded.`,
    );
  }
  const handler = engine[`handle${operation}`];
  if (typeof handler !== 'function') {
    throw new UnknownOperationException(
      `${operation} is not supported by windtunnel's Timestream emulator.`,
    );
  }
  const queryContext: QueryContext = {
    store: context.store,
    catalog: context.catalog,
    now: context.now,
  };
  return (handler as (input: unknown, ctx: QueryContext) => unknown)(input, queryContext);
}
