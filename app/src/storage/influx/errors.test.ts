import { describe, expect, it } from 'vitest';
import { StorageError, StoreUnavailableError } from '../TelemetryStore.js';
import {
  influxMessage,
  isDatabaseNotFound,
  isPointRejection,
  rejectionCode,
  toStorageError,
} from './errors.js';

/** node-influx's error shapes (lib/src/pool.js). */
class ServiceNotAvailableError extends Error {}
const requestError = (status: number, error: string) =>
  Object.assign(new Error(`A ${status} Bad Request error occurred: ${JSON.stringify({ error })}`), {
    res: { statusCode: status },
  });
const systemError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('toStorageError', () => {
  it.each([
    ['connection refused', systemError('ECONNREFUSED')],
    ['connection reset', systemError('ECONNRESET')],
    ['a socket timeout', systemError('ETIMEDOUT')],
    ['node-influx ServiceNotAvailableError (5xx, timeout)', new ServiceNotAvailableError('x')],
    ['an abort', Object.assign(new Error('aborted'), { name: 'AbortError' })],
    ['a 503', requestError(503, 'overloaded')],
  ])('makes %s a retryable StoreUnavailableError', (_, error) => {
    const translated = toStorageError(error, 'write');
    expect(translated).toBeInstanceOf(StoreUnavailableError);
    expect((translated as StoreUnavailableError).retryAfterSeconds).toBe(5);
    expect(translated.cause).toBe(error);
  });

  it('makes other failures a plain StorageError carrying InfluxDB message', () => {
    const translated = toStorageError(requestError(400, 'error parsing query'), 'query');
    expect(translated).not.toBeInstanceOf(StoreUnavailableError);
    expect(translated).toBeInstanceOf(StorageError);
    expect(translated.message).toBe('InfluxDB query failed: error parsing query');
  });

  it('keeps the port errors it is given', () => {
    const error = new StoreUnavailableError('down');
    expect(toStorageError(error, 'write')).toBe(error);
  });
});

describe('write answers', () => {
  it('classifies refused points by InfluxDB message, also through our wrapper', () => {
    const conflict = requestError(400, 'partial write: field type conflict: ... dropped=1');
    const wrapped = toStorageError(conflict, 'write');
    expect(isPointRejection(wrapped)).toBe(true);
    expect(rejectionCode(wrapped)).toBe('TypeConflict');
    expect(influxMessage(wrapped)).toBe('partial write: field type conflict: ... dropped=1');
    expect(rejectionCode(requestError(400, 'partial write: points beyond retention policy'))).toBe(
      'OutOfRetention',
    );
    expect(rejectionCode(requestError(400, 'unable to parse x'))).toBe('InvalidRecord');
    expect(isPointRejection(requestError(404, 'database not found: "x"'))).toBe(false);
  });

  it('recognises a missing database in an error or a statement result', () => {
    expect(isDatabaseNotFound(requestError(404, 'database not found: "x"'))).toBe(true);
    expect(isDatabaseNotFound('database not found: x')).toBe(true);
    expect(isDatabaseNotFound(requestError(400, 'unable to parse'))).toBe(false);
  });
});
