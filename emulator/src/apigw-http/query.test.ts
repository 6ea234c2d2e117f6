import { describe, expect, it } from 'vitest';
import { parseQuery, safeDecode, splitTarget } from './query.js';

describe('splitTarget', () => {
  it('decodes the path but keeps the query string raw, without the ?', () => {
    expect(splitTarget('/a%20b/%C3%A9?q=a%20b&x=%2F')).toEqual({
      rawPath: '/a b/é',
      rawQueryString: 'q=a%20b&x=%2F',
      encodedPath: '/a%20b/%C3%A9',
    });
  });

  it('gives an empty rawQueryString when there is no query, and for a bare ?', () => {
    expect(splitTarget('/p').rawQueryString).toBe('');
    expect(splitTarget('/p?').rawQueryString).toBe('');
  });

  it('keeps only path and query of an absolute-form target', () => {
    expect(splitTarget('http://example.com:8080/x?y=1')).toEqual({
      rawPath: '/x',
      rawQueryString: 'y=1',
      encodedPath: '/x',
    });
  });
});

describe('parseQuery', () => {
  it('decodes names and values and joins repeated names with a comma', () => {
    expect(parseQuery('a=1&a=2&b=x%20y&c+d=e+f')).toEqual({ a: '1,2', b: 'x y', 'c d': 'e f' });
  });

  it('is undefined when there is no parameter, so the event omits the key', () => {
    expect(parseQuery('')).toBeUndefined();
    expect(parseQuery('&&')).toBeUndefined();
  });

  it('gives a name without = an empty value', () => {
    expect(parseQuery('flag&x=1')).toEqual({ flag: '', x: '1' });
  });
});

describe('safeDecode', () => {
  it('leaves malformed escapes as they are and decodes the rest', () => {
    expect(safeDecode('%zz%20%E9%41')).toBe('%zz %E9A');
    expect(safeDecode('100%')).toBe('100%');
    expect(safeDecode('%C3%A9%C3')).toBe('é%C3');
  });
});
