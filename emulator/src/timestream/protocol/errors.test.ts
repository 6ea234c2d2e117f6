import { describe, expect, it } from 'vitest';
import {
  AccessDeniedException,
  ConflictException,
  InternalServerException,
  QueryExecutionException,
  RejectedRecordsException,
  RequestEntityTooLargeException,
  ResourceNotFoundException,
  SerializationException,
  serializeError,
  ServiceQuotaExceededException,
  ThrottlingException,
  toTimestreamError,
  UnknownOperationException,
  ValidationException,
  type TimestreamError,
} from './errors.js';

const parse = (error: TimestreamError) => {
  const { status, body } = serializeError(error);
  return { status, body: JSON.parse(body) as Record<string, unknown> };
};

describe('serializeError', () => {
  it.each([
    [new ValidationException('m'), 400, 'ValidationException'],
    [new AccessDeniedException(), 403, 'AccessDeniedException'],
    [new ResourceNotFoundException('m'), 404, 'ResourceNotFoundException'],
    [new ConflictException('m'), 409, 'ConflictException'],
    [new ServiceQuotaExceededException('m'), 402, 'ServiceQuotaExceededException'],
    [new ThrottlingException(), 429, 'ThrottlingException'],
    [new InternalServerException(), 500, 'InternalServerException'],
    [new QueryExecutionException('m'), 400, 'QueryExecutionException'],
  ])('writes %s with the model status and a Timestream __type', (error, status, name) => {
    expect(parse(error)).toEqual({
      status,
      body: {
        __type: `com.amazonaws.timestream.v20181101#${name}`,
        Message: error.message,
      },
    });
  });

  it('puts RejectedRecords at the root of a 419 body', () => {
    const error = new RejectedRecordsException([
      { RecordIndex: 3, Reason: 'r', ExistingVersion: 200 },
    ]);
    expect(parse(error)).toEqual({
      status: 419,
      body: {
        __type: 'com.amazonaws.timestream.v20181101#RejectedRecordsException',
        Message: 'One or more records have been rejected. See RejectedRecords for details.',
        RejectedRecords: [{ RecordIndex: 3, Reason: 'r', ExistingVersion: 200 }],
      },
    });
  });

  it('gives errors raised before an operation runs the Coral namespace', () => {
    expect(parse(new UnknownOperationException('nope'))).toEqual({
      status: 404,
      body: { __type: 'com.amazon.coral.service#UnknownOperationException', Message: 'nope' },
    });
    expect(parse(new SerializationException('bad')).status).toBe(400);
    expect(parse(new RequestEntityTooLargeException('big')).status).toBe(413);
  });
});

describe('toTimestreamError', () => {
  it('keeps a TimestreamError and hides anything else behind a generic 500', () => {
    const known = new ConflictException('exists');
    expect(toTimestreamError(known)).toBe(known);
    const hidden = toTimestreamError(new TypeError('secret stack detail'));
    expect(hidden).toBeInstanceOf(InternalServerException);
    expect(hidden.message).not.toContain('secret');
  });
});
