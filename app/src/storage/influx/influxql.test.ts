import { describe, expect, it } from 'vitest';
import {
  allEqual,
  anyOf,
  identifier,
  MAX_TIME_NS,
  MIN_TIME_NS,
  source,
  stringLiteral,
  timeLiteral,
} from './influxql.js';

describe('InfluxQL quoting', () => {
  it('quotes identifiers, escaping double quotes, backslashes and newlines', () => {
    expect(identifier('plain')).toBe('"plain"');
    expect(identifier('x" OR "1"="1')).toBe('"x\\" OR \\"1\\"=\\"1"');
    expect(identifier('trailing\\')).toBe('"trailing\\\\"');
    expect(identifier('a\nb')).toBe('"a\\nb"');
    expect(identifier("it's")).toBe('"it\'s"');
  });

  it('quotes string literals, escaping single quotes, backslashes and newlines', () => {
    expect(stringLiteral("x' OR '1'='1")).toBe("'x\\' OR \\'1\\'=\\'1'");
    expect(stringLiteral('back\\')).toBe("'back\\\\'");
    expect(stringLiteral('say "hi"')).toBe('\'say "hi"\'');
    expect(stringLiteral('a\nb')).toBe("'a\\nb'");
  });

  it('never lets a quote end the literal early', () => {
    for (const hostile of ["'", "\\'", "\\\\'", "a\\'; DROP DATABASE x; '"]) {
      const literal = stringLiteral(hostile).slice(1, -1);
      // every quote inside is preceded by an odd number of backslashes
      for (const match of literal.matchAll(/(\\*)'/g)) {
        expect((match[1] ?? '').length % 2).toBe(1);
      }
    }
  });

  it('writes times as ns integers clamped to the range InfluxDB accepts', () => {
    expect(timeLiteral(1_700_000_000_000_000_000n)).toBe('1700000000000000000');
    expect(timeLiteral(-(2n ** 63n))).toBe(MIN_TIME_NS.toString());
    expect(timeLiteral(2n ** 63n)).toBe(MAX_TIME_NS.toString());
  });

  it('builds a qualified source and tag conditions', () => {
    expect(source('my"db', 'm')).toBe('"my\\"db".."m"');
    expect(allEqual([])).toBe('');
    expect(allEqual([['k', "v'"]])).toBe("(\"k\" = 'v\\'')");
    expect(anyOf(['a', 'b'])).toBe('(a OR b)');
  });
});
