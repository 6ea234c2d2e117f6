import type { TelemetryRecord } from '../../../../../app/src/telemetry/record.js';
import type { QueryLimits } from '../context.js';
import { columnInfo, type ColumnInfo, type Datum } from './datum.js';
import { encodeToken, pageOf } from './paging.js';
import type { CachedResult } from './resultCache.js';

/** QueryResponse (model): QueryId, Rows, ColumnInfo, NextToken when more rows wait, QueryStatus. */
export interface QueryResponse {
  QueryId: string;
  Rows: { Data: Datum[] }[];
  ColumnInfo: ColumnInfo[];
  NextToken?: string;
  QueryStatus: {
    ProgressPercentage: number;
    CumulativeBytesScanned: number;
    CumulativeBytesMetered: number;
  };
}

/**
 * Timestream meters at least 10 MB per query: a recorded small query reports
 * `CumulativeBytesMetered: 10000000` with `CumulativeBytesScanned: 0` (research §5.1,
 * soto-project/soto#494; also test/fixtures/timestream/query.select.twinmaker.json).
 */
const METERED_MINIMUM = 10_000_000;

export function respond(
  queryId: string,
  result: CachedResult,
  offset: number,
  maxRows: number | undefined,
  limits: QueryLimits,
): { response: QueryResponse; more: boolean } {
  const page = pageOf(result.columns, result.rows, offset, maxRows, limits.pageBytes);
  const response: QueryResponse = {
    QueryId: queryId,
    Rows: page.rows,
    ColumnInfo: result.columns.map((c) => columnInfo(c.name, c.type)),
    ...(page.next === undefined
      ? {}
      : { NextToken: encodeToken(queryId, page.next, result.queryHash) }),
    QueryStatus: {
      // The whole result is computed before the first page, so every page reports 100 %.
      ProgressPercentage: 100,
      CumulativeBytesScanned: result.bytesScanned,
      CumulativeBytesMetered: Math.max(METERED_MINIMUM, result.bytesScanned),
    },
  };
  return { response, more: page.next !== undefined };
}

/** An estimate of the bytes a query read: names and values as stored, 8 bytes per time. */
export function bytesScanned(records: readonly TelemetryRecord[]): number {
  let bytes = 0;
  for (const r of records) {
    bytes += 8 + r.measureName.length;
    for (const d of r.dimensions) bytes += d.name.length + d.value.length;
    const m = r.measure;
    if (m.kind === 'single') bytes += m.value.length;
    else for (const v of m.values) bytes += v.name.length + v.value.length;
  }
  return bytes;
}
