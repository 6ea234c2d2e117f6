import { StorageError, StoreUnavailableError, TableNotFoundError } from '../TelemetryStore.js';

/**
 * Translation of AWS SDK errors into the port's errors, in one place. The SDK (v3) gives a modelled
 * error its shape name in `name` (`ThrottlingException`, ...), the HTTP status in
 * `$metadata.httpStatusCode` and, for transport failures, the Node error `code` (`ECONNREFUSED`).
 */
interface AwsErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException', // HTTP 429 (model); cognitect-labs/aws-api#197 shows it on the wire
  'InternalServerException', // HTTP 500 (model)
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError', // @smithy/node-http-handler: request/connection timeouts and "socket hang up"
]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

export function errorName(error: unknown): string {
  const name = (error as AwsErrorLike | undefined)?.name;
  return typeof name === 'string' ? name : 'Error';
}

export function errorMessage(error: unknown): string {
  const message = (error as AwsErrorLike | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : errorName(error);
}

/** Worth another attempt: throttling, a 5xx, or the network. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsErrorLike;
  if (e.$retryable) return true;
  if (RETRYABLE_NAMES.has(errorName(e))) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  const status = e.$metadata?.httpStatusCode;
  return typeof status === 'number' && (status >= 500 || status === 429);
}

/**
 * WriteRecords answers a missing database or table with ResourceNotFoundException
 * ("The table X does not exist.", moto's AWS-verified tests); the Query API answers with a
 * ValidationException "Requested database 'abc' not found for identifier 'abc.sampleDB' at line
 * 1:36" (aws/aws-sdk-pandas#1036). The Query text for a missing table in an existing database was
 * not found recorded; we also accept "table/database ... does not exist", but not "Column 'x' does
 * not exist", which Timestream says of a column never written (aws/aws-cdk#22062).
 */
const QUERY_TABLE_NOT_FOUND = /not found for identifier|\b(table|database)\b[^\n]*does not exist/i;

export function isTableNotFound(error: unknown): boolean {
  const name = errorName(error);
  if (name === 'ResourceNotFoundException') return true;
  return name === 'ValidationException' && QUERY_TABLE_NOT_FOUND.test(errorMessage(error));
}

export function unavailable(error: unknown): StoreUnavailableError {
  return new StoreUnavailableError(`Timestream is unavailable: ${errorMessage(error)}`, 5, {
    cause: error,
  });
}

/** The port error for a failure that retrying did not (or would not) fix. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  if (isTableNotFound(error)) return new TableNotFoundError(errorMessage(error), { cause: error });
  if (isRetryable(error)) return unavailable(error);
  return new StorageError(`Timestream ${errorName(error)}: ${errorMessage(error)}`, {
    cause: error,
  });
}
