import { describe, expect, it } from 'vitest';
import { StorageError, StoreUnavailableError, TableNotFoundError } from '../TelemetryStore.js';
import { isRetryable, isTableNotFound, toStorageError } from './errors.js';

const named = (name: string, message = name, extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });

describe('isRetryable', () => {
  it('retries throttling, server errors and network failures', () => {
    expect(isRetryable(named('ThrottlingException'))).toBe(true);
    expect(isRetryable(named('InternalServerException'))).toBe(true);
    expect(
      isRetryable(named('Unknown', 'UnknownError', { $metadata: { httpStatusCode: 503 } })),
    ).toBe(true);
    expect(isRetryable(named('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isRetryable(named('TimeoutError', 'socket hang up', { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable(named('Whatever', 'x', { $retryable: { throttling: true } }))).toBe(true);
  });

  it('does not retry client errors', () => {
    for (const name of [
      'ValidationException',
      'AccessDeniedException',
      'RejectedRecordsException',
    ]) {
      expect(isRetryable(named(name, name, { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    }
    expect(isRetryable('not an error')).toBe(false);
  });
});

describe('toStorageError', () => {
  it('maps a missing table from either API to TableNotFoundError', () => {
    expect(
      isTableNotFound(named('ResourceNotFoundException', 'The table unknown does not exist.')),
    ).toBe(true);
    const query = named(
      'ValidationException',
      "Requested database 'abc' not found for identifier 'abc.sampleDB' at line 1:36",
    );
    expect(toStorageError(query)).toBeInstanceOf(TableNotFoundError);
    expect(
      isTableNotFound(named('ValidationException', "line 12:25: Column 'foo' does not exist")),
    ).toBe(false);
    expect(isTableNotFound(named('ValidationException', "Table 'db.t' does not exist"))).toBe(true);
  });

  it('maps retryable errors to StoreUnavailableError and others to StorageError', () => {
    expect(toStorageError(named('ThrottlingException'))).toBeInstanceOf(StoreUnavailableError);
    const denied = toStorageError(named('AccessDeniedException', 'You are not authorized'));
    expect(denied).toBeInstanceOf(StorageError);
    expect(denied).not.toBeInstanceOf(StoreUnavailableError);
    expect(denied.message).toBe('Timestream AccessDeniedException: You are not authorized');
  });
});
