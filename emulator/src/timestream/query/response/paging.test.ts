import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../protocol/errors.js';
import { DEFAULT_LIMITS } from '../context.js';
import { decodeToken, encodeToken, pageOf, queryHash } from './paging.js';
import { ResultCache } from './resultCache.js';

const columns = [{ name: 'n', type: 'BIGINT' as const }];
const rows = Array.from({ length: 10 }, (_, i) => [BigInt(i)]);

describe('pageOf', () => {
  it('returns at most MaxRows rows and the offset to resume from', () => {
    const page = pageOf(columns, rows, 0, 4, 1_000_000);
    expect(page.rows.map((r) => r.Data[0])).toEqual(
      ['0', '1', '2', '3'].map((v) => ({ ScalarValue: v })),
    );
    expect(page.next).toBe(4);
    expect(pageOf(columns, rows, 8, 4, 1_000_000)).toEqual({
      rows: [{ Data: [{ ScalarValue: '8' }] }, { Data: [{ ScalarValue: '9' }] }],
    });
  });

  it('stops a page before it passes the byte budget (Timestream pages at 1 MB)', () => {
    const page = pageOf(columns, rows, 0, undefined, 100);
    expect(page.rows.length).toBeGreaterThan(0);
    expect(page.rows.length).toBeLessThan(10);
    expect(page.next).toBe(page.rows.length);
  });

  it("refuses a row bigger than a page, with Timestream's message", () => {
    const big = [['x'.repeat(2000)]];
    expect(() => pageOf([{ name: 's', type: 'VARCHAR' }], big, 0, undefined, 1000)).toThrow(
      'Query aborted as max page response size has been exceeded by the output result row',
    );
  });
});

describe('NextToken', () => {
  it('carries the query id and offset, and only for the same query string', () => {
    const hash = queryHash('SELECT 1');
    const token = encodeToken('AEQUERY', 1000, hash);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeToken(token, hash)).toEqual({ queryId: 'AEQUERY', offset: 1000 });
    expect(() => decodeToken(token, queryHash('SELECT 2'))).toThrow(
      new ValidationException('Invalid pagination token'),
    );
  });

  it.each(['garbage', '', 'e30', Buffer.from('{"q":"A","o":-1,"h":"x"}').toString('base64url')])(
    'refuses a token that is not one of ours: %j',
    (token) => {
      expect(() => decodeToken(token, queryHash('SELECT 1'))).toThrow('Invalid pagination token');
    },
  );
});

describe('ResultCache', () => {
  const result = (n: number) => ({
    queryHash: 'h',
    columns,
    rows: rows.slice(0, n),
    bytesScanned: 0,
  });

  it('keeps a result for the TTL only', () => {
    const cache = new ResultCache({ ...DEFAULT_LIMITS, cacheTtlMs: 1000 });
    cache.put('A', result(1), 0);
    expect(cache.get('A', 999)).toBeDefined();
    expect(cache.get('A', 1000)).toBeUndefined();
  });

  it('drops the oldest results past its entry and row limits', () => {
    const cache = new ResultCache({ ...DEFAULT_LIMITS, cacheEntries: 2, cacheRows: 5 });
    cache.put('A', result(2), 0);
    cache.put('B', result(2), 0);
    cache.put('C', result(2), 0);
    expect(cache.get('A', 0)).toBeUndefined();
    expect(cache.get('B', 0)).toBeDefined();
    cache.put('D', result(4), 0);
    expect(cache.get('B', 0)).toBeUndefined();
    expect(cache.get('C', 0)).toBeUndefined();
    expect(cache.get('D', 0)).toBeDefined();
  });

  it('cancels a known query once, then says it already was; an unknown id is unknown', () => {
    const cache = new ResultCache(DEFAULT_LIMITS);
    cache.remember('A', 0);
    cache.put('A', result(2), 0);
    expect(cache.cancel('A', 1)).toBe('cancelled');
    expect(cache.get('A', 1)).toBeUndefined();
    expect(cache.isCancelled('A')).toBe(true);
    expect(cache.cancel('A', 2)).toBe('already');
    expect(cache.cancel('B', 2)).toBe('unknown');
  });
});
