import { at, type Position } from '../errors.js';
import type { Token } from './lexer.js';

/**
 * Trino's reserved words (trino.io docs, "Reserved keywords"): never a bare column name or alias.
 * LIMIT, OFFSET, FETCH and WINDOW are not reserved in Trino, but may not be a bare alias either,
 * or `SELECT x LIMIT 1` would read LIMIT as an alias.
 */
const RESERVED = new Set(
  (
    'ALTER AND AS BETWEEN BY CASE CAST CONSTRAINT CREATE CROSS CUBE CURRENT_DATE CURRENT_TIME ' +
    'CURRENT_TIMESTAMP CURRENT_USER DEALLOCATE DELETE DESCRIBE DISTINCT DROP ELSE END ESCAPE ' +
    'EXCEPT EXECUTE EXISTS EXTRACT FALSE FOR FROM FULL GROUP GROUPING HAVING IN INNER INSERT ' +
    'INTERSECT INTO IS JOIN LEFT LIKE LISTAGG LOCALTIME LOCALTIMESTAMP NATURAL NORMALIZE NOT ' +
    'NULL ON OR ORDER OUTER PREPARE RECURSIVE RIGHT ROLLUP SELECT SKIP TABLE THEN TRUE UESCAPE ' +
    'UNION UNNEST USING VALUES WHEN WHERE WITH'
  ).split(' '),
);
const NOT_AN_ALIAS = new Set([...RESERVED, 'LIMIT', 'OFFSET', 'FETCH', 'WINDOW']);

/** A position in the token list, with the small vocabulary the recursive-descent parser uses. */
export class Cursor {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  peek(ahead = 0): Token {
    const last = this.tokens[this.tokens.length - 1] as Token;
    return this.tokens[this.index + ahead] ?? last;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** True when the token `ahead` is the bare word `word` (keywords are not case-sensitive). */
  isKeyword(word: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  acceptKeyword(...words: string[]): boolean {
    if (!words.every((w, k) => this.isKeyword(w, k))) return false;
    for (let k = 0; k < words.length; k++) this.next();
    return true;
  }

  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.mismatch(`'${word}'`);
    return this.next();
  }

  isOp(op: string, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'op' && t.text === op;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  expectOp(op: string): Token {
    if (!this.isOp(op)) throw this.mismatch(`'${op}'`);
    return this.next();
  }

  /** A bare word that is not reserved, or a quoted identifier: a name. */
  isName(ahead = 0): boolean {
    const t = this.peek(ahead);
    return t.kind === 'quoted' || (t.kind === 'ident' && !RESERVED.has(t.text.toUpperCase()));
  }

  isAlias(): boolean {
    const t = this.peek();
    return t.kind === 'quoted' || (t.kind === 'ident' && !NOT_AN_ALIAS.has(t.text.toUpperCase()));
  }

  expectName(what: string): Token {
    if (!this.isName()) throw this.mismatch(what);
    return this.next();
  }

  get pos(): Position {
    return this.peek().pos;
  }

  /** Trino's wording: "mismatched input 'x'. Expecting: ..." */
  mismatch(expecting: string): Error {
    const t = this.peek();
    const input =
      t.kind === 'string' ? `'${t.text}'` : t.kind === 'quoted' ? `"${t.text}"` : t.text;
    return at(t.pos, `mismatched input '${input}'. Expecting: ${expecting}`);
  }
}
