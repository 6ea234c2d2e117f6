import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  RequestEntityTooLargeException,
  SerializationException,
  UnknownOperationException,
} from './errors.js';
import { operationOf, parseJsonObject, readBody, regionOf } from './request.js';

function request(chunks: string[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), {
    headers,
  }) as unknown as IncomingMessage;
}

describe('operationOf', () => {
  it('takes the operation from X-Amz-Target', () => {
    expect(operationOf('Timestream_20181101.WriteRecords')).toBe('WriteRecords');
  });

  it.each([undefined, '', 'DynamoDB_20120810.PutItem', 'Timestream_20181101.'])(
    'refuses %j with UnknownOperationException',
    (target) => {
      expect(() => operationOf(target)).toThrow(UnknownOperationException);
    },
  );
});

describe('parseJsonObject', () => {
  it('reads an empty body as {}', () => {
    expect(parseJsonObject(Buffer.alloc(0))).toEqual({});
  });

  it.each(['{', '[1]', 'null', '"x"'])('refuses %s with SerializationException', (body) => {
    expect(() => parseJsonObject(Buffer.from(body))).toThrow(SerializationException);
  });
});

describe('readBody', () => {
  it('concatenates the chunks', async () => {
    expect((await readBody(request(['{"a"', ':1}']), 100)).toString()).toBe('{"a":1}');
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const req = request(['x'], { 'content-length': '101' });
    await expect(readBody(req, 100)).rejects.toBeInstanceOf(RequestEntityTooLargeException);
  });

  it('refuses a streamed body once it passes the limit', async () => {
    await expect(readBody(request(['x'.repeat(60), 'y'.repeat(60)]), 100)).rejects.toBeInstanceOf(
      RequestEntityTooLargeException,
    );
  });
});

describe('regionOf', () => {
  it('reads the region of the SigV4 credential scope', () => {
    const auth =
      'AWS4-HMAC-SHA256 Credential=test/20240101/eu-west-1/timestream/aws4_request, ' +
      'SignedHeaders=host, Signature=abc';
    expect(regionOf(auth)).toBe('eu-west-1');
  });

  it('is undefined for an unsigned request', () => {
    expect(regionOf(undefined)).toBeUndefined();
    expect(regionOf('Bearer x')).toBeUndefined();
  });
});
