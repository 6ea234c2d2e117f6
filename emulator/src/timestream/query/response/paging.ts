import { createHash } from 'node:crypto';
import { ValidationException } from '../../protocol/errors.js';
import type { OutputColumn } from '../analyse/plan.js';
import type { Value } from '../types/values.js';
import { toDatum, type Datum } from './datum.js';

/**
 * Pages and NextTokens. A page holds at most MaxRows rows (1..1000) and about 1 MB of JSON
 * ("The result set will be truncated to 1MB", API_query_Query.html). The token is opaque to
 * clients; ours carries the query id, the offset of the next row and a hash of the query string,
 * because Timestream refuses a token used with another query string ("Invalid pagination token",
 * same page). Timestream also limits a token to 5 uses; we do not count uses.
 */
export interface Page {
  rows: { Data: Datum[] }[];
  /** Offset of the first row not in this page, when there is one. */
  next?: number;
}

export const INVALID_TOKEN = 'Invalid pagination token';

export function queryHash(queryString: string): string {
  return createHash('sha256').update(queryString).digest('hex').slice(0, 32);
}

export function encodeToken(queryId: string, offset: number, hash: string): string {
  return Buffer.from(JSON.stringify({ q: queryId, o: offset, h: hash })).toString('base64url');
}

export function decodeToken(token: string, hash: string): { queryId: string; offset: number } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new ValidationException(INVALID_TOKEN);
  }
  const { q, o, h } = (parsed ?? {}) as { q?: unknown; o?: unknown; h?: unknown };
  if (typeof q !== 'string' || !Number.isSafeInteger(o) || (o as number) < 0 || h !== hash) {
    throw new ValidationException(INVALID_TOKEN);
  }
  return { queryId: q, offset: o as number };
}

export function pageOf(
  columns: readonly OutputColumn[],
  rows: readonly Value[][],
  offset: number,
  maxRows: number | undefined,
  maxBytes: number,
): Page {
  const page: Page['rows'] = [];
  let bytes = 0;
  let i = offset;
  for (; i < rows.length && (maxRows === undefined || page.length < maxRows); i++) {
    const data = (rows[i] as Value[]).map((v, k) => toDatum(v, (columns[k] as OutputColumn).type));
    const size = rowBytes(data, maxBytes);
    if (size > maxBytes) {
      throw new ValidationException(
        'Query aborted as max page response size has been exceeded by the output result row',
      );
    }
    if (bytes + size > maxBytes) break;
    bytes += size;
    page.push({ Data: data });
  }
  return i < rows.length ? { rows: page, next: i } : { rows: page };
}

/** The row's JSON size: estimated from string lengths, measured exactly only when it is large. */
function rowBytes(data: Datum[], maxBytes: number): number {
  let estimate = 12;
  for (const d of data) estimate += 'ScalarValue' in d ? d.ScalarValue.length + 19 : 18;
  if (estimate * 3 < maxBytes) return estimate;
  return Buffer.byteLength(JSON.stringify({ Data: data }));
}
