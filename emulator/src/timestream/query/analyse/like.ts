import { at, type Position } from '../errors.js';
import type { Expr } from '../sql/ast.js';
import type { Value } from '../types/values.js';
import { cannotApply, type Compiled } from './compiled.js';

/**
 * `x [NOT] LIKE pattern [ESCAPE c]`: `%` any run of characters, `_` one character, matched
 * case-sensitively over the whole value (Trino; the wagner/timestream-local README notes
 * Timestream's LIKE is case sensitive). Also used by SHOW ... LIKE.
 */
export function likeRegExp(pattern: string, escape?: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (escape !== undefined && ch === escape) {
      const next = pattern[++i];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
        throw new Error(
          "Escape character must be followed by '%', '_' or the escape character itself",
        );
      }
      source += regexEscape(next);
    } else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += regexEscape(ch);
  }
  return new RegExp(`^${source}$`, 'u');
}

/** Escapes the characters special in a RegExp (`-` is only special inside a class). */
function regexEscape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function compileLike(
  e: Extract<Expr, { kind: 'like' }>,
  operand: Compiled,
  pattern: Compiled,
  escape: Compiled | undefined,
): Compiled {
  for (const part of [operand, pattern, ...(escape ? [escape] : [])]) {
    if (part.type !== 'VARCHAR' && part.type !== 'UNKNOWN') {
      throw cannotApply(e.pos, 'LIKE', [operand.type, pattern.type]);
    }
  }
  const cache = new Map<string, RegExp>();
  const regexFor = (p: string, esc: Value, pos: Position): RegExp => {
    const key = `${String(esc)}\u0000${p}`;
    let re = cache.get(key);
    if (!re) {
      if (esc !== null && (esc as string).length !== 1)
        throw at(pos, 'Escape string must be a single character');
      try {
        re = likeRegExp(p, esc === null ? undefined : (esc as string));
      } catch (error) {
        throw at(pos, (error as Error).message);
      }
      if (cache.size > 100) cache.clear();
      cache.set(key, re);
    }
    return re;
  };
  return {
    type: 'BOOLEAN',
    eval: (row) => {
      const value = operand.eval(row);
      const p = pattern.eval(row);
      const esc = escape ? escape.eval(row) : null;
      if (value === null || p === null || (escape && esc === null)) return null;
      return regexFor(p as string, esc, e.pos).test(value as string) !== e.negated;
    },
  };
}
