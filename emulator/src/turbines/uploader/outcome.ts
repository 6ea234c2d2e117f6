import { parseRetryAfter } from './backoff.js';
import type { HttpAnswer } from './httpPost.js';

/** A record the API refused for good (never re-sent). */
export interface Rejection {
  /** Index in the request. */
  index: number;
  code: string;
  reason?: string;
}

/**
 * What one request did to its records. Records are finished strictly in order: the first
 * `settled` are done (stored or rejected for good), the rest must be sent again, so a project's
 * readings never overtake each other. Records after the first retryable one that the API did
 * store are sent again too, which the API answers idempotently.
 */
export interface Outcome {
  settled: number;
  /** Of the settled records, how many the API stored. */
  stored: number;
  /** Of the settled records, the ones refused for good. */
  rejected: Rejection[];
  retry?: { reason: string; retryAfterMs?: number };
  /** Stop sending for this project (bad token, wrong URL): nothing will succeed. */
  stop?: string;
}

/** Statuses where trying again later may work (RFC 9110, plus 429 and the gateway's 5xx). */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);
const STOPPING: Record<number, string> = {
  401: 'the API refused the device token (401 Unauthorized): check --keys / --token',
  404: 'the API has no POST /measurements at this URL (404): check --url',
  405: 'the API does not accept POST here (405): check --url',
};

/** Classifies a failed exchange (no HTTP answer): always retried. */
export function networkFailure(error: unknown): Outcome {
  const err = error as { code?: string; message?: string };
  return {
    settled: 0,
    stored: 0,
    rejected: [],
    retry: { reason: err.code ?? err.message ?? String(error) },
  };
}

/** Classifies an HTTP answer to a request of `count` records. */
export function classify(answer: HttpAnswer, count: number, now: number): Outcome {
  const { status } = answer;
  const retryAfterHeader = answer.headers['retry-after'];
  const retryAfterMs = parseRetryAfter(
    Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader,
    now,
  );
  if (status === 200) return { settled: count, stored: count, rejected: [] };
  if (STOPPING[status]) return { settled: 0, stored: 0, rejected: [], stop: STOPPING[status] };
  if (RETRYABLE.has(status) || status >= 500) {
    return {
      settled: 0,
      stored: 0,
      rejected: [],
      retry: { reason: `HTTP ${status}`, ...retryAfter(retryAfterMs) },
    };
  }
  const body = parseBody(answer.body);
  if (status === 403) {
    const reason = body?.error?.message ?? 'the device token does not name this turbine';
    return { ...allRejected(count, 'Forbidden', reason), stop: `403 Forbidden: ${reason}` };
  }
  if ((status === 207 || status === 400 || status === 409) && body?.stored && body.rejected) {
    return perRecord(body.stored, body.rejected, count, retryAfterMs);
  }
  return allRejected(
    count,
    body?.error?.code ?? `HTTP${status}`,
    body?.error?.message ?? answer.body.slice(0, 200),
  );
}

interface ApiBody {
  stored?: number[];
  rejected?: { index?: number; code?: string; reason?: string }[];
  error?: { code?: string; message?: string };
}

function perRecord(
  stored: number[],
  rejected: NonNullable<ApiBody['rejected']>,
  count: number,
  retryAfterMs: number | undefined,
): Outcome {
  const storedSet = new Set(stored);
  const final = new Map<number, Rejection>();
  for (const r of rejected) {
    if (typeof r.index === 'number' && r.code && r.code !== 'StoreUnavailable') {
      final.set(r.index, {
        index: r.index,
        code: r.code,
        ...(r.reason ? { reason: r.reason } : {}),
      });
    }
  }
  let settled = 0;
  while (settled < count && (storedSet.has(settled) || final.has(settled))) settled += 1;
  const outcome: Outcome = {
    settled,
    stored: [...storedSet].filter((i) => i < settled).length,
    rejected: [...final.values()].filter((r) => r.index < settled),
  };
  if (settled < count) outcome.retry = { reason: 'StoreUnavailable', ...retryAfter(retryAfterMs) };
  return outcome;
}

function allRejected(count: number, code: string, reason: string): Outcome {
  const rejected = Array.from({ length: count }, (_, index) => ({ index, code, reason }));
  return { settled: count, stored: 0, rejected };
}

function retryAfter(ms: number | undefined): { retryAfterMs?: number } {
  return ms === undefined ? {} : { retryAfterMs: ms };
}

function parseBody(text: string): ApiBody | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as ApiBody) : undefined;
  } catch {
    return undefined;
  }
}
