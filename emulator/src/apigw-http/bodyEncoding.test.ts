import { describe, expect, it } from 'vitest';
import { encodeBody, isTextContentType } from './bodyEncoding.js';

describe('isTextContentType', () => {
  it.each([
    'text/plain',
    'text/csv; charset=utf-8',
    'application/json',
    'Application/JSON; charset=UTF-8',
    'application/ld+json',
    'application/xml',
    'image/svg+xml',
    'application/x-www-form-urlencoded',
    'application/javascript',
  ])('treats %s as text', (type) => {
    expect(isTextContentType(type)).toBe(true);
  });

  it.each([
    'image/png',
    'application/octet-stream',
    'application/pdf',
    'multipart/form-data; boundary=x',
  ])('treats %s as binary', (type) => {
    expect(isTextContentType(type)).toBe(false);
  });
});

describe('encodeBody', () => {
  it('omits the body of an empty request', () => {
    expect(encodeBody(Buffer.alloc(0), 'application/json')).toEqual({ isBase64Encoded: false });
  });

  it('sends JSON as text', () => {
    expect(encodeBody(Buffer.from('{"a":"é"}'), 'application/json')).toEqual({
      body: '{"a":"é"}',
      isBase64Encoded: false,
    });
  });

  it('sends a binary type as base64, byte for byte', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

    const encoded = encodeBody(bytes, 'image/png');

    expect(encoded.isBase64Encoded).toBe(true);
    expect(Buffer.from(encoded.body ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('sends a body without content-type as text when it is UTF-8, else base64', () => {
    expect(encodeBody(Buffer.from('hello'), undefined)).toEqual({
      body: 'hello',
      isBase64Encoded: false,
    });
    expect(encodeBody(Buffer.from([0xff, 0xfe]), undefined)).toEqual({
      body: '//4=',
      isBase64Encoded: true,
    });
  });

  it('sends a text type that is not valid UTF-8 as base64 rather than lose bytes', () => {
    expect(encodeBody(Buffer.from([0xe9]), 'text/plain; charset=latin1')).toEqual({
      body: '6Q==',
      isBase64Encoded: true,
    });
  });
});
