import { randomBytes } from 'node:crypto';
import { ConflictException, ValidationException } from '../protocol/errors.js';
import { DEFAULT_LIMITS, type QueryContext, type QueryLimits } from './context.js';
import { execute } from './execute/statement.js';
import { checkCancelInput, checkQueryInput } from './input.js';
import { decodeToken, INVALID_TOKEN, queryHash } from './response/paging.js';
import { respond, type QueryResponse } from './response/respond.js';
import { resultCacheFor } from './response/resultCache.js';
import { parse } from './sql/parser.js';
import { msToNs } from './types/timestamp.js';

/**
 * The Timestream Query API (`Timestream_20181101.Query` and `CancelQuery`) over the storage port.
 *
 * Design: a query is parsed (sql/: a lexer and a recursive-descent parser for the supported
 * subset of Timestream's Trino dialect; everything else is refused with a ValidationException
 * naming the construct), then
 * 1. the table is looked up in the catalog (a missing one answers Timestream's "Requested
 *    database/table ... not found" ValidationException) and its retention window computed:
 *    [now - retention, end of time). Records before it are never read;
 * 2. the WHERE clause is split into top-level AND conjuncts and what the store does exactly is
 *    pushed down (execute/pushdown.ts): the time range (intersected with the retention window),
 *    equality and IN on dimensions (one store call per value combination, at most 32) and on
 *    measure_name; LIMIT too when nothing is left to filter, group or order. Whether a name is a
 *    dimension comes from the columns learned so far (analyse/schemaCache.ts); a name not yet
 *    known is pushed as a dimension on trial, and if the store then returns no row the table's
 *    retention window is scanned to learn its columns and the query planned again;
 * 3. an aggregate query whose WHERE went to the store whole, grouped by `bin(time, x)` and
 *    dimensions, with count/sum/avg/min/max of DOUBLE measures and count(DISTINCT dimension),
 *    is answered by `store.aggregate` (execute/aggregatePushdown.ts): InfluxDB computes the
 *    counts and sums, and only one row per bin and group reaches the server. One grouped by
 *    dimensions with only max(time) and max_by(<DOUBLE measure>, time), the app's last readings,
 *    is answered by `store.latest` (execute/latestPushdown.ts) likewise. Otherwise the rows
 *    come from `store.query` (at most `maxRecords`, 5 million by default: a query that would
 *    read more is refused rather than run the process out of memory);
 * 4. the query is analysed against the table's columns, learned from the records themselves
 *    (analyse/schema.ts): first from the rows fetched, then, for a name still unknown, from a
 *    scan. `SELECT *` scans once per table and process, DESCRIBE every time. Expressions are
 *    type-checked with Trino's rules and compiled to closures;
 * 5. the rest is evaluated here in one pass (execute/run.ts, groups.ts): the remaining filter,
 *    grouping into accumulators (rows are not kept), HAVING, DISTINCT, ORDER BY, LIMIT;
 * 6. the result is paged (MaxRows, about 1 MB a page) with an opaque NextToken; pages after the
 *    first come from a cache of finished results (1 hour, bounded), never from a new run.
 *
 * Columns of a table with no records are only measure_name and time: Timestream learns a
 * table's columns from what was written, and so do we, from what is still in retention.
 *
 * @example
 * const page = await handleQuery(
 *   { QueryString: 'SELECT * FROM "db"."t" WHERE time > ago(1h)', MaxRows: 100 },
 *   { store, catalog, now: Date.now },
 * );
 */
export async function handleQuery(input: unknown, ctx: QueryContext): Promise<QueryResponse> {
  const request = checkQueryInput(input);
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...ctx.limits };
  const now = ctx.now();
  const cache = resultCacheFor(ctx.store, limits);
  const hash = queryHash(request.QueryString);

  if (request.NextToken !== undefined) {
    const { queryId, offset } = decodeToken(request.NextToken, hash);
    // Model docs: ConflictException "Unable to poll results for a cancelled query".
    if (cache.isCancelled(queryId))
      throw new ConflictException('Unable to poll results for a cancelled query');
    const result = cache.get(queryId, now);
    if (!result || offset > result.rows.length) throw new ValidationException(INVALID_TOKEN);
    return respond(queryId, result, offset, request.MaxRows, limits).response;
  }

  // ClientToken only makes Timestream's retries idempotent; each call here runs the query anew.
  const statement = parse(request.QueryString);
  const outcome = await execute(statement, ctx, msToNs(now), limits);
  const queryId = newQueryId();
  const result = {
    queryHash: hash,
    columns: outcome.columns,
    rows: outcome.rows,
    bytesScanned: outcome.bytesScanned,
  };
  cache.remember(queryId, now);
  const { response, more } = respond(queryId, result, 0, request.MaxRows, limits);
  if (more) cache.put(queryId, result, now);
  return response;
}

/**
 * CancelQuery (model docs): "Because cancellation is an idempotent operation, subsequent
 * cancellation requests will return a CancellationMessage, indicating that the query has already
 * been canceled." So the first cancel of a query answers `{}` and drops its remaining pages (a
 * later NextToken gets the ConflictException above); a repeat answers a CancellationMessage,
 * whose text AWS does not document. An id this server never issued (or issued over an hour
 * ago) is a ValidationException: AWS's answer for it was not found recorded.
 */
export async function handleCancelQuery(
  input: unknown,
  ctx: QueryContext,
): Promise<{ CancellationMessage?: string }> {
  const { QueryId } = checkCancelInput(input);
  const limits: QueryLimits = { ...DEFAULT_LIMITS, ...ctx.limits };
  const outcome = resultCacheFor(ctx.store, limits).cancel(QueryId, ctx.now());
  if (outcome === 'unknown') throw new ValidationException(`Query ${QueryId} does not exist`);
  if (outcome === 'already')
    return { CancellationMessage: `Query ${QueryId} has already been cancelled.` };
  return {};
}

/** Timestream's query ids are long upper-case base32 strings (e.g. the signalk fixture's). */
function newQueryId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AE${[...randomBytes(40)].map((b) => alphabet[b % 32]).join('')}`;
}

export type { QueryContext, QueryLimits } from './context.js';
export type { QueryResponse } from './response/respond.js';
