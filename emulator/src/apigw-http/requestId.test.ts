import { describe, expect, it } from 'vitest';
import { newRequestId, REQUEST_ID_PATTERN } from './requestId.js';

describe('newRequestId', () => {
  it('looks like an AWS request id: 15 characters of [A-Za-z0-9-] and a trailing =', () => {
    for (let i = 0; i < 1000; i++) expect(newRequestId()).toMatch(REQUEST_ID_PATTERN);
  });

  it('decodes as base64 of 11 bytes, like the ids in captured events', () => {
    const id = newRequestId();

    const bytes = Buffer.from(id.replaceAll('-', '+'), 'base64');

    expect(bytes).toHaveLength(11);
    expect(bytes.toString('base64')).toBe(id.replaceAll('-', '+'));
  });

  it('gives a different id to each of 100,000 requests', () => {
    const ids = new Set(Array.from({ length: 100_000 }, newRequestId));

    expect(ids.size).toBe(100_000);
  });
});
