import { describe, expect, it } from 'vitest';
import type { HttpAnswer } from './httpPost.js';
import { classify, networkFailure } from './outcome.js';

const NOW = Date.UTC(2025, 0, 1);
const answer = (
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpAnswer => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('classify', () => {
  it('settles every record on 200', () => {
    expect(classify(answer(200, { stored: [0, 1], rejected: [] }), 2, NOW)).toEqual({
      settled: 2,
      stored: 2,
      rejected: [],
    });
  });

  it('on 207 settles stored and finally rejected records, and rejects InvalidRecord for good', () => {
    const body = {
      stored: [0, 2],
      rejected: [{ index: 1, code: 'InvalidRecord', field: 'Time', reason: 'too far ahead' }],
    };
    expect(classify(answer(207, body), 3, NOW)).toEqual({
      settled: 3,
      stored: 2,
      rejected: [{ index: 1, code: 'InvalidRecord', reason: 'too far ahead' }],
    });
  });

  it('on 207 with StoreUnavailable settles only the prefix before it and retries the rest in order', () => {
    const body = {
      stored: [0, 2],
      rejected: [{ index: 1, code: 'StoreUnavailable', reason: 'down' }],
    };
    expect(classify(answer(207, body, { 'retry-after': '5' }), 3, NOW)).toEqual({
      settled: 1,
      stored: 1,
      rejected: [],
      retry: { reason: 'StoreUnavailable', retryAfterMs: 5000 },
    });
  });

  it('never retries 400 or 409: the records are counted as rejected', () => {
    const invalid = {
      error: { code: 'InvalidRecords' },
      stored: [],
      rejected: [{ index: 0, code: 'InvalidRecord' }],
    };
    expect(classify(answer(400, invalid), 1, NOW)).toMatchObject({
      settled: 1,
      stored: 0,
      rejected: [{ code: 'InvalidRecord' }],
    });
    const conflict = {
      stored: [],
      rejected: [{ index: 0, code: 'VersionConflict', existingVersion: 2 }],
    };
    expect(classify(answer(409, conflict), 1, NOW)).toMatchObject({
      settled: 1,
      rejected: [{ code: 'VersionConflict' }],
    });
    expect(classify(answer(400, 'not json'), 2, NOW)).toMatchObject({
      settled: 2,
      rejected: [{ index: 0 }, { index: 1 }],
    });
  });

  it('retries 429, 500, 502, 503 and 504 with the Retry-After the server gave', () => {
    for (const status of [429, 500, 502, 503, 504]) {
      expect(classify(answer(status, { message: 'x' }, { 'retry-after': '2' }), 1, NOW)).toEqual({
        settled: 0,
        stored: 0,
        rejected: [],
        retry: { reason: `HTTP ${status}`, retryAfterMs: 2000 },
      });
    }
    expect(classify(answer(503, ''), 1, NOW).retry).toEqual({ reason: 'HTTP 503' });
  });

  it('stops the project on 401 and leaves its readings spooled', () => {
    const outcome = classify(answer(401, { message: 'Unauthorized' }), 1, NOW);
    expect(outcome).toMatchObject({ settled: 0, stop: expect.stringMatching(/token/) });
  });

  it('stops the project on 403 and counts the refused records as rejected', () => {
    const body = { error: { code: 'Forbidden', message: "caller 'x' may not write" } };
    expect(classify(answer(403, body), 2, NOW)).toMatchObject({
      settled: 2,
      rejected: [{ code: 'Forbidden' }, { code: 'Forbidden' }],
      stop: expect.stringMatching(/may not write/),
    });
  });

  it('retries network failures', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(networkFailure(err)).toEqual({
      settled: 0,
      stored: 0,
      rejected: [],
      retry: { reason: 'ECONNREFUSED' },
    });
  });
});
