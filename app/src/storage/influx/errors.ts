import { StorageError, StoreUnavailableError, type RejectionCode } from '../TelemetryStore.js';
import type { StatementResult } from './connection.js';

/**
 * Translation of node-influx and Node errors into the port's errors, in one place.
 *
 * node-influx (lib/src/pool.js) rejects with `ServiceNotAvailableError` for a 5xx, a timeout or
 * "No host available", with `RequestError` ("A 400 Bad Request error occurred: {body}", plus `res`)
 * for other non-2xx answers, and with Node's own errors (`code: 'ECONNREFUSED'`, ...) otherwise.
 * Neither class is exported from the package's entry point, so they are recognised by shape.
 */
export const RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

interface DriverError {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  res?: { statusCode?: unknown };
}

/** The driver's error behind one of ours (the port's errors keep it as `cause`). */
function driverError(error: unknown): unknown {
  return error instanceof StorageError && error.cause !== undefined ? error.cause : error;
}

function messageOf(error: unknown): string {
  const message = (error as DriverError | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : String(error);
}

/** The HTTP status InfluxDB answered with, when the error carries one (node-influx RequestError). */
export function statusOf(error: unknown): number | undefined {
  const status = (driverError(error) as DriverError | undefined)?.res?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** InfluxDB's own message: the `error` of the JSON body node-influx appends to its message. */
export function influxMessage(error: unknown): string {
  const message = messageOf(driverError(error));
  const body = /error occurred: (\{.*\})\s*$/s.exec(message)?.[1];
  if (body) {
    try {
      const parsed = JSON.parse(body) as { error?: unknown };
      if (typeof parsed.error === 'string') return parsed.error;
    } catch {
      // not JSON after all: keep the whole message
    }
  }
  return message;
}

export function isUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as DriverError;
  if (e.constructor?.name === 'ServiceNotAvailableError') return true;
  if (e.name === 'AbortError' || e.name === 'TimeoutError') return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = statusOf(error);
  return status !== undefined && status >= 500;
}

/** `DELETE`/`SELECT` against a database that is not there (a statement error, or a 404 on write). */
export function isDatabaseNotFound(error: unknown): boolean {
  return /database not found/i.test(typeof error === 'string' ? error : influxMessage(error));
}

/**
 * A 4xx to a write that blames the points, not the request: InfluxDB 1.x writes the points it can
 * and answers 400 "partial write: field type conflict: ... dropped=N" (or "points beyond retention
 * policy", or "unable to parse ..."). Which points were dropped it does not say.
 */
export function isPointRejection(error: unknown): boolean {
  const status = statusOf(error);
  return status === 400;
}

/** The rejection code for a single point InfluxDB refused. */
export function rejectionCode(error: unknown): RejectionCode {
  const message = influxMessage(error);
  if (/field type conflict/i.test(message)) return 'TypeConflict';
  if (/beyond retention policy/i.test(message)) return 'OutOfRetention';
  return 'InvalidRecord';
}

/** Any failure as the port's error: unavailable (retryable) or a plain `StorageError`. */
export function toStorageError(error: unknown, action: string): StorageError {
  if (error instanceof StorageError) return error;
  if (isUnavailable(error)) {
    return new StoreUnavailableError(
      `InfluxDB is unavailable (${action}): ${messageOf(error)}`,
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
  return new StorageError(`InfluxDB ${action} failed: ${influxMessage(error)}`, { cause: error });
}

/** One statement's result, or the port's error for it; a missing database reads as no series. */
export function checkedResult(
  result: StatementResult | undefined,
  action: string,
): StatementResult | undefined {
  if (result?.error && !isDatabaseNotFound(result.error)) {
    throw toStorageError(new Error(result.error), action);
  }
  return result;
}
