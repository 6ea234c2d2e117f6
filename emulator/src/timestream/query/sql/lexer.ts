import { at, type Position } from '../errors.js';
import { parseIntervalLiteral } from '../types/interval.js';

/**
 * Timestream SQL is Trino's dialect (research §5.3), so the lexer follows Trino's rules:
 * identifiers in double quotes with `""` for a quote, string literals in single quotes with `''`
 * for a quote and no backslash escapes, `--` and `/* *\/` comments. Two Timestream additions:
 * - `measure_value::double` is one column name (the `::` is part of it, research §5.2), so a bare
 *   identifier followed by `::name` lexes as one identifier;
 * - interval literals such as `10m`, `1h`, `15s`, `1d`, `100ms` (date-time-functions.html: `ago(1h)`,
 *   `bin(time, 15m)`) are a number glued to a unit.
 */
export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'interval' | 'op' | 'eof';

export interface Token {
  kind: TokenKind;
  /** Identifier as written (case kept), unescaped quoted text or string, number text, operator. */
  text: string;
  pos: Position;
  /** For `interval`: nanoseconds. */
  ns?: bigint;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const TWO_CHAR_OPS = new Set(['<>', '!=', '<=', '>=', '||']);
const ONE_CHAR_OPS = new Set(['=', '<', '>', '+', '-', '*', '/', '%', '(', ')', ',', '.', ';']);
const NUMBER = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;
const INTERVAL = /^(\d+(?:\.\d+)?)(ns|us|ms|s|m|h|d)(?![A-Za-z0-9_])/;

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const posAt = (offset: number): Position => ({ line, column: offset - lineStart + 1 });
  const advanceTo = (end: number): void => {
    for (let k = i; k < end; k++) {
      if (sql[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    i = end;
  };

  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      advanceTo(i + 1);
    } else if (sql.startsWith('--', i)) {
      const end = sql.indexOf('\n', i);
      advanceTo(end === -1 ? sql.length : end);
    } else if (sql.startsWith('/*', i)) {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw at(posAt(i), 'unterminated comment');
      advanceTo(end + 2);
    } else if (c === "'" || c === '"') {
      const pos = posAt(i);
      const { text, end } = quoted(sql, i, c, pos);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text, pos });
      advanceTo(end);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const pos = posAt(i);
      const rest = sql.slice(i, i + 64);
      const interval = INTERVAL.exec(rest);
      if (interval) {
        const ns = parseIntervalLiteral(interval[1] as string, interval[2] as string);
        tokens.push({ kind: 'interval', text: interval[0], pos, ns });
        advanceTo(i + interval[0].length);
        continue;
      }
      const number = NUMBER.exec(rest)?.[0] ?? c;
      if (IDENT_PART.test(sql[i + number.length] ?? '')) {
        const word = /^[0-9A-Za-z_.]+/.exec(rest)?.[0] ?? number;
        throw at(pos, `invalid numeric or interval literal '${word}'`);
      }
      tokens.push({ kind: 'number', text: number, pos });
      advanceTo(i + number.length);
    } else if (IDENT_START.test(c)) {
      const pos = posAt(i);
      let end = identEnd(sql, i);
      // `measure_value::double`: one identifier (research §5.2).
      while (sql.startsWith('::', end) && IDENT_START.test(sql[end + 2] ?? '')) {
        end = identEnd(sql, end + 2);
      }
      tokens.push({ kind: 'ident', text: sql.slice(i, end), pos });
      advanceTo(end);
    } else if (TWO_CHAR_OPS.has(sql.slice(i, i + 2))) {
      tokens.push({ kind: 'op', text: sql.slice(i, i + 2), pos: posAt(i) });
      advanceTo(i + 2);
    } else if (ONE_CHAR_OPS.has(c)) {
      tokens.push({ kind: 'op', text: c, pos: posAt(i) });
      advanceTo(i + 1);
    } else {
      throw at(posAt(i), `token recognition error at: '${c}'`);
    }
  }
  tokens.push({ kind: 'eof', text: '<EOF>', pos: posAt(i) });
  return tokens;
}

function identEnd(sql: string, start: number): number {
  let end = start + 1;
  while (end < sql.length && IDENT_PART.test(sql[end] as string)) end++;
  return end;
}

/** A quoted string or identifier; the quote character doubled stands for itself. */
function quoted(
  sql: string,
  start: number,
  quote: string,
  pos: Position,
): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    const next = sql.indexOf(quote, i);
    if (next === -1) {
      throw at(
        pos,
        quote === "'" ? 'unterminated string literal' : 'unterminated quoted identifier',
      );
    }
    text += sql.slice(i, next);
    if (sql[next + 1] === quote) {
      text += quote;
      i = next + 2;
    } else {
      if (quote === '"' && text === '') throw at(pos, 'zero-length delimited identifier');
      return { text, end: next + 1 };
    }
  }
}
