import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../protocol/errors.js';
import { tokenize } from './lexer.js';

const kinds = (sql: string) => tokenize(sql).map((t) => [t.kind, t.text]);

describe('tokenize', () => {
  it('reads a quoted identifier with "" standing for a quote, keeping its case', () => {
    expect(kinds('"My ""odd"" table"')).toEqual([
      ['quoted', 'My "odd" table'],
      ['eof', '<EOF>'],
    ]);
  });

  it("reads a string literal with '' standing for a quote and no backslash escapes", () => {
    const [token] = tokenize("'it''s a \\n'");
    expect(token).toMatchObject({ kind: 'string', text: "it's a \\n" });
  });

  it('reads measure_value::double as one identifier, bare or quoted', () => {
    expect(kinds('measure_value::double + "measure_value::bigint"').slice(0, 3)).toEqual([
      ['ident', 'measure_value::double'],
      ['op', '+'],
      ['quoted', 'measure_value::bigint'],
    ]);
  });

  it('reads integers, decimals and exponents as numbers', () => {
    expect(kinds('42 1.5 .25 1e3 4.294967167E7').slice(0, 5)).toEqual([
      ['number', '42'],
      ['number', '1.5'],
      ['number', '.25'],
      ['number', '1e3'],
      ['number', '4.294967167E7'],
    ]);
  });

  it('reads interval literals in every unit, as nanoseconds', () => {
    const ns = tokenize('1d 10h 15m 30s 100ms 5us 7ns 1.5h').map((t) => t.ns);
    expect(ns.slice(0, 8)).toEqual([
      86_400_000_000_000n,
      36_000_000_000_000n,
      900_000_000_000n,
      30_000_000_000n,
      100_000_000n,
      5_000n,
      7n,
      5_400_000_000_000n,
    ]);
  });

  it('refuses a number glued to letters that are not a unit', () => {
    expect(() => tokenize('SELECT 10min')).toThrow(
      /line 1:8: invalid numeric or interval literal '10min'/,
    );
  });

  it('reads two-character operators and skips comments', () => {
    expect(kinds('a<>b -- note\n!= /* c */ <= >= ||').map(([, t]) => t)).toEqual([
      'a',
      '<>',
      'b',
      '!=',
      '<=',
      '>=',
      '||',
      '<EOF>',
    ]);
  });

  it('gives every token its line and column', () => {
    const tokens = tokenize('SELECT\n  x');
    expect(tokens[1]?.pos).toEqual({ line: 2, column: 3 });
  });

  it('refuses an unterminated string with a ValidationException at its start', () => {
    const attempt = () => tokenize("SELECT 'abc");
    expect(attempt).toThrow(ValidationException);
    expect(attempt).toThrow('line 1:8: unterminated string literal');
  });

  it('refuses a character outside the language', () => {
    expect(() => tokenize('SELECT #')).toThrow("line 1:8: token recognition error at: '#'");
  });
});
