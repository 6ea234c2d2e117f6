import { at, unsupported } from '../errors.js';
import { parseTimestampLiteral } from '../types/timestamp.js';
import { BIGINT_MAX, type SqlType } from '../types/values.js';
import type { Expr } from './ast.js';
import type { Cursor } from './cursor.js';
import { parseExpression } from './parseExpression.js';

/**
 * The atoms of an expression: literals (numbers, strings, `1h`-style intervals, TRUE/FALSE/NULL,
 * `TIMESTAMP '...'`), CAST, function calls, column names and parenthesised expressions. Words
 * that start a construct we do not support (CASE, EXISTS, a subquery, a window) are refused here.
 */
const CAST_TYPES: Record<string, SqlType> = {
  VARCHAR: 'VARCHAR',
  BIGINT: 'BIGINT',
  INTEGER: 'BIGINT',
  INT: 'BIGINT',
  DOUBLE: 'DOUBLE',
  BOOLEAN: 'BOOLEAN',
  TIMESTAMP: 'TIMESTAMP',
};

export function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  const pos = t.pos;
  if (t.kind === 'number') {
    c.next();
    if (/^\d+$/.test(t.text)) {
      const value = BigInt(t.text);
      // Accept 2^63 only so that a leading minus can fold it into BIGINT's minimum.
      if (value > BIGINT_MAX + 1n) throw at(pos, `Invalid numeric literal: ${t.text}`);
      return { kind: 'literal', type: 'BIGINT', value, pos };
    }
    // Trino reads 1.5 as a DECIMAL; Timestream has no DECIMAL result type, so we use DOUBLE.
    return { kind: 'literal', type: 'DOUBLE', value: Number(t.text), pos };
  }
  if (t.kind === 'interval') {
    c.next();
    return { kind: 'literal', type: 'INTERVAL', value: t.ns ?? 0n, pos };
  }
  if (t.kind === 'string') {
    c.next();
    return { kind: 'literal', type: 'VARCHAR', value: t.text, pos };
  }
  if (t.kind === 'op' && t.text === '(') {
    c.next();
    if (c.isKeyword('SELECT') || c.isKeyword('WITH')) throw unsupported(c.pos, 'A subquery');
    const inner = parseExpression(c);
    if (c.isOp(',')) throw unsupported(pos, 'A row constructor');
    c.expectOp(')');
    return inner;
  }
  if (t.kind === 'quoted') return parseName(c);
  if (t.kind !== 'ident') throw c.mismatch('<expression>');
  return parseWord(c);
}

/** A primary that starts with a bare word: literal keywords, CAST, a function call or a column. */
function parseWord(c: Cursor): Expr {
  const t = c.peek();
  const pos = t.pos;
  const word = t.text.toUpperCase();
  if (word === 'NULL' || word === 'TRUE' || word === 'FALSE') {
    c.next();
    if (word === 'NULL') return { kind: 'literal', type: 'UNKNOWN', value: null, pos };
    return { kind: 'literal', type: 'BOOLEAN', value: word === 'TRUE', pos };
  }
  if (word === 'TIMESTAMP' && c.peek(1).kind === 'string') {
    c.next();
    const text = c.next().text;
    const ns = parseTimestampLiteral(text);
    if (ns === undefined) throw at(pos, `Value cannot be cast to timestamp: ${text}`);
    return { kind: 'literal', type: 'TIMESTAMP', value: ns, pos };
  }
  if (word === 'CURRENT_TIMESTAMP') {
    c.next();
    return { kind: 'call', name: 'now', args: [], star: false, distinct: false, pos };
  }
  if (word === 'CAST' || word === 'TRY_CAST') {
    c.next();
    c.expectOp('(');
    const operand = parseExpression(c);
    c.expectKeyword('AS');
    const typeToken = c.expectName('<type>');
    const to = CAST_TYPES[typeToken.text.toUpperCase()];
    if (!to || word === 'TRY_CAST')
      throw unsupported(typeToken.pos, `${word} to ${typeToken.text}`);
    c.expectOp(')');
    return { kind: 'cast', operand, to, pos };
  }
  const refused = Object.hasOwn(REFUSED_WORDS, word) ? REFUSED_WORDS[word] : undefined;
  if (refused && (refused.reserved || refused.before === c.peek(1).kind)) {
    throw unsupported(pos, refused.what);
  }
  if (c.isOp('(', 1)) return parseCall(c);
  return parseName(c);
}

/**
 * Words that start a construct we refuse. Reserved words always do; the others only in their
 * literal form (`DATE '2024-01-01'`), so a dimension named `date` still reads as a column.
 */
const REFUSED_WORDS: Record<string, { what: string; reserved?: true; before?: string }> = {
  CASE: { what: 'CASE', reserved: true },
  EXISTS: { what: 'EXISTS', reserved: true },
  EXTRACT: { what: 'EXTRACT', reserved: true },
  CURRENT_DATE: { what: 'current_date (DATE values)', reserved: true },
  CURRENT_TIME: { what: 'current_time (TIME values)', reserved: true },
  LOCALTIME: { what: 'localtime (TIME values)', reserved: true },
  LOCALTIMESTAMP: { what: 'localtimestamp', reserved: true },
  INTERVAL: { what: "An INTERVAL '...' literal (write 1h, 10m, 15s)", before: 'string' },
  DATE: { what: 'A DATE literal', before: 'string' },
  TIME: { what: 'A TIME literal', before: 'string' },
};

function parseCall(c: Cursor): Expr {
  const t = c.next();
  const name = t.text.toLowerCase();
  c.expectOp('(');
  const distinct = c.acceptKeyword('DISTINCT');
  if (!distinct) c.acceptKeyword('ALL');
  const args: Expr[] = [];
  let star = false;
  if (c.acceptOp('*')) star = true;
  else if (!c.isOp(')')) {
    args.push(parseExpression(c));
    while (c.acceptOp(',')) args.push(parseExpression(c));
  }
  if (c.isKeyword('ORDER')) throw unsupported(c.pos, 'ORDER BY inside a function call');
  c.expectOp(')');
  if (c.isKeyword('FILTER')) throw unsupported(c.pos, 'An aggregate FILTER clause');
  if (c.isKeyword('OVER')) throw unsupported(c.pos, 'A window function (OVER)');
  return { kind: 'call', name, args, star, distinct, pos: t.pos };
}

/** `name` or `qualifier.name` (the qualifier being the table or its alias). */
function parseName(c: Cursor): Expr {
  const first = c.expectName('<identifier>');
  if (c.isOp('.') && c.peek(1).kind !== 'op') {
    c.next();
    const second = c.expectName('<identifier>');
    if (c.isOp('.')) throw unsupported(c.pos, 'A column reference with more than one qualifier');
    return column(second, first.text);
  }
  return column(first);
}

function column(t: { text: string; kind: string; pos: Expr['pos'] }, qualifier?: string): Expr {
  return {
    kind: 'column',
    name: t.text,
    quoted: t.kind === 'quoted',
    pos: t.pos,
    ...(qualifier === undefined ? {} : { qualifier }),
  };
}
