import { createHash } from 'node:crypto';
import type { TelemetryRecord } from '../telemetry/record.js';
import type { TableRef, TelemetryStore } from '../storage/TelemetryStore.js';
import { LIMITS, QueryParamError, type TimeRange } from './params.js';

export interface RecordsQuery extends TimeRange {
  dimensions: Record<string, string>;
  measureName?: string;
  /** Page size. */
  limit: number;
  cursor?: string;
}

export interface RecordsPage {
  records: TelemetryRecord[];
  /** Opaque; absent on the last page. */
  next?: string;
}

export const MAX_PAGE = 10_000;
/** Records at one instant a cursor may have to skip: bounds the read a forged cursor can cause. */
const MAX_SKIP = 1_000_000;

/**
 * One page of records in the port's order (time, then series). The cursor names the last
 * instant returned and how many records of that instant were already given, the range of the
 * first page (so `since=24h` pages through the same 24 hours), and a hash of the filters, so a
 * cursor only continues the query it came from. The next page reads from that instant and skips
 * those records: no record is given twice or left out, also when many share an instant.
 */
export async function recordsPage(
  store: TelemetryStore,
  table: TableRef,
  q: RecordsQuery,
): Promise<RecordsPage> {
  const position = q.cursor === undefined ? undefined : decodeCursor(q.cursor, q);
  const range = position ?? { from: q.from, to: q.to };
  const from = position?.time ?? range.from;
  const skip = position?.skip ?? 0;
  const records = await store.query(table, {
    from,
    to: range.to,
    ...(Object.keys(q.dimensions).length > 0 ? { dimensions: q.dimensions } : {}),
    ...(q.measureName === undefined ? {} : { measureNames: [q.measureName] }),
    limit: skip + q.limit + 1,
  });
  const page = records.slice(skip, skip + q.limit);
  const last = page.at(-1);
  if (records.length <= skip + q.limit || !last) return { records: page };
  const atLast = page.filter((r) => r.time === last.time).length;
  const next = { ...range, time: last.time, skip: last.time === from ? skip + atLast : atLast };
  return { records: page, next: encodeCursor(next, q) };
}

interface Position extends TimeRange {
  time: bigint;
  skip: number;
}

function filtersHash(q: RecordsQuery): string {
  const key = JSON.stringify([Object.entries(q.dimensions).sort(), q.measureName ?? null]);
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

function encodeCursor(p: Position, q: RecordsQuery): string {
  const text = [p.time, p.skip, p.from, p.to, filtersHash(q)].join('.');
  return Buffer.from(text).toString('base64url');
}

function decodeCursor(cursor: string, q: RecordsQuery): Position {
  const invalid = () =>
    new QueryParamError('cursor', 'is not a cursor of this query (take it from the last page)');
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw invalid();
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(-?\d{1,20})\.(\d{1,7})\.(-?\d{1,20})\.(-?\d{1,20})\.([A-Za-z0-9_-]{16})$/.exec(
    text,
  );
  if (!match || match[5] !== filtersHash(q)) throw invalid();
  const [time, from, to] = [match[1], match[3], match[4]].map((n) => BigInt(n as string)) as [
    bigint,
    bigint,
    bigint,
  ];
  const skip = Number(match[2]);
  if (from >= to || to - from > LIMITS.maxRangeNs || time < from || time >= to || skip > MAX_SKIP) {
    throw invalid();
  }
  return { time, skip, from, to };
}
