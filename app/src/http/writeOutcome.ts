import type { Response } from 'express';
import { HttpError } from '../errors.js';
import type { RecordRejection } from '../storage/TelemetryStore.js';

export interface Rejection extends RecordRejection {
  /** The offending attribute, for validation failures (`Dimensions[0].Value`, `Time`, ...). */
  field?: string;
}

export interface WriteOutcome {
  stored: number[];
  rejected: Rejection[];
}

/** Seconds a client should wait before resending records the store could not take. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Answers a write from what happened to each record:
 * - 200: every record stored;
 * - 207: some stored, some rejected (the body says which);
 * - 400: nothing stored, every record invalid;
 * - 409: nothing stored, some refused by the store (version or type conflicts);
 * - 503 + Retry-After: nothing stored because the store is unavailable.
 * Any `StoreUnavailable` rejection sets Retry-After, so a client knows to resend those records.
 */
export function sendWriteOutcome(res: Response, outcome: WriteOutcome): void {
  const body = toJson(outcome);
  const retry = outcome.rejected.some((r) => r.code === 'StoreUnavailable');
  const headers: Record<string, string> = retry
    ? { 'retry-after': String(RETRY_AFTER_SECONDS) }
    : {};
  if (outcome.stored.length > 0 || outcome.rejected.length === 0) {
    // Every write is answered here, so the headers res.json would set are written directly.
    const json = JSON.stringify(body);
    res.writeHead(outcome.rejected.length === 0 ? 200 : 207, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(json)),
    });
    res.end(json);
    return;
  }
  throw nothingStored(outcome, body, headers, retry);
}

function nothingStored(
  outcome: WriteOutcome,
  body: Record<string, unknown>,
  headers: Record<string, string>,
  retry: boolean,
): HttpError {
  if (retry) {
    return new HttpError(
      503,
      'StoreUnavailable',
      'the store is unavailable; retry later',
      body,
      headers,
    );
  }
  if (outcome.rejected.every((r) => r.code === 'InvalidRecord')) {
    return new HttpError(400, 'InvalidRecords', 'no record is valid; see rejected', body);
  }
  return new HttpError(
    409,
    'RecordsRejected',
    'the store rejected every record; see rejected',
    body,
  );
}

function toJson(outcome: WriteOutcome): Record<string, unknown> {
  return {
    stored: outcome.stored,
    rejected: outcome.rejected.map(({ existingVersion, ...r }) =>
      existingVersion === undefined ? r : { ...r, existingVersion: versionJson(existingVersion) },
    ),
  };
}

/** JSON has no 64-bit integers: a version beyond 2^53 goes out as a string. */
function versionJson(v: bigint): number | string {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}
