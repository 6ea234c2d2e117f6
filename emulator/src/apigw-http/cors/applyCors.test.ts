import { describe, expect, it } from 'vitest';
import { applyCors } from './applyCors.js';

const APP = 'https://app.example';
const backend = {
  'content-type': 'application/json',
  'Access-Control-Allow-Origin': 'https://evil.example',
  'access-control-allow-credentials': 'true',
  'access-control-max-age': '99999',
};

describe('applyCors', () => {
  it('replaces the backend CORS headers with the configured ones for an allowed origin', () => {
    const headers = applyCors(
      { allowOrigins: [APP], exposeHeaders: ['x-request-id', 'etag'], allowCredentials: true },
      { origin: APP },
      backend,
    );

    expect(headers).toEqual({
      'content-type': 'application/json',
      'access-control-allow-origin': APP,
      'access-control-allow-credentials': 'true',
      'access-control-expose-headers': 'x-request-id,etag',
      vary: 'origin',
    });
  });

  it('removes the backend CORS headers and adds none for a disallowed or absent origin', () => {
    const expected = { 'content-type': 'application/json' };

    expect(applyCors({ allowOrigins: [APP] }, { origin: 'https://evil.example' }, backend)).toEqual(
      expected,
    );
    expect(applyCors({ allowOrigins: [APP] }, {}, backend)).toEqual(expected);
  });

  it("merges origin into the backend's vary header once", () => {
    const headers = applyCors(
      { allowOrigins: [APP] },
      { Origin: APP },
      { Vary: 'Accept-Encoding' },
    );
    const again = applyCors({ allowOrigins: [APP] }, { origin: APP }, { vary: 'Origin' });

    expect(headers.Vary).toBe('Accept-Encoding, origin');
    expect(again.vary).toBe('Origin');
  });

  it('answers * without vary when the configuration allows every origin', () => {
    const headers = applyCors({ allowOrigins: ['*'] }, { origin: APP }, {});

    expect(headers).toEqual({ 'access-control-allow-origin': '*' });
  });

  it('keeps repeated headers such as set-cookie lists as they are', () => {
    const headers = applyCors(
      { allowOrigins: [APP] },
      { origin: APP },
      { 'set-cookie': ['a=1', 'b=2'] },
    );

    expect(headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('leaves the headers untouched, backend CORS headers included, when CORS is not configured', () => {
    const headers = applyCors(undefined, { origin: APP }, backend);

    expect(headers).toEqual(backend);
    expect(headers).not.toBe(backend);
  });
});
