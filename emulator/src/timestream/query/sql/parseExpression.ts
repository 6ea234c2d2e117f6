import { unsupported } from '../errors.js';
import type { BinaryOp, Expr } from './ast.js';
import type { Cursor } from './cursor.js';
import { parsePrimary } from './parsePrimary.js';

/**
 * Expressions by precedence climbing, loosest first, as Trino's grammar orders them:
 * OR < AND < NOT < predicates (comparison, BETWEEN, IN, IS NULL, LIKE) < + - || < * / % < unary -.
 */
export function parseExpression(c: Cursor): Expr {
  return parseOr(c);
}

function parseOr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.isKeyword('OR')) {
    const pos = c.next().pos;
    left = { kind: 'binary', op: 'OR', left, right: parseAnd(c), pos };
  }
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseNot(c);
  while (c.isKeyword('AND')) {
    const pos = c.next().pos;
    left = { kind: 'binary', op: 'AND', left, right: parseNot(c), pos };
  }
  return left;
}

function parseNot(c: Cursor): Expr {
  if (c.isKeyword('NOT')) {
    const pos = c.next().pos;
    return { kind: 'unary', op: 'NOT', operand: parseNot(c), pos };
  }
  return parsePredicate(c);
}

const COMPARISONS: Record<string, BinaryOp> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function parsePredicate(c: Cursor): Expr {
  let left = parseAdditive(c);
  for (;;) {
    const t = c.peek();
    const op = t.kind === 'op' ? COMPARISONS[t.text] : undefined;
    if (op) {
      c.next();
      if (c.isKeyword('ANY') || c.isKeyword('ALL') || c.isKeyword('SOME')) {
        throw unsupported(c.pos, 'A quantified comparison (ANY/ALL/SOME) with a subquery');
      }
      left = { kind: 'binary', op, left, right: parseAdditive(c), pos: t.pos };
      continue;
    }
    if (c.isKeyword('IS')) {
      const pos = c.next().pos;
      const negated = c.acceptKeyword('NOT');
      if (c.isKeyword('DISTINCT')) throw unsupported(pos, 'IS [NOT] DISTINCT FROM');
      c.expectKeyword('NULL');
      left = { kind: 'isNull', operand: left, negated, pos };
      continue;
    }
    const negated = c.isKeyword('NOT') && ['BETWEEN', 'IN', 'LIKE'].some((w) => c.isKeyword(w, 1));
    if (negated) c.next();
    if (c.isKeyword('BETWEEN')) {
      const pos = c.next().pos;
      const low = parseAdditive(c);
      c.expectKeyword('AND');
      left = { kind: 'between', operand: left, low, high: parseAdditive(c), negated, pos };
    } else if (c.isKeyword('IN')) {
      const pos = c.next().pos;
      c.expectOp('(');
      if (c.isKeyword('SELECT')) throw unsupported(c.pos, 'A subquery');
      const list = [parseExpression(c)];
      while (c.acceptOp(',')) list.push(parseExpression(c));
      c.expectOp(')');
      left = { kind: 'in', operand: left, list, negated, pos };
    } else if (c.isKeyword('LIKE')) {
      const pos = c.next().pos;
      const pattern = parseAdditive(c);
      const escape = c.acceptKeyword('ESCAPE') ? parseAdditive(c) : undefined;
      left = { kind: 'like', operand: left, pattern, negated, pos, ...(escape ? { escape } : {}) };
    } else {
      return left;
    }
  }
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  while (c.isOp('+') || c.isOp('-') || c.isOp('||')) {
    const t = c.next();
    const op = t.text as BinaryOp;
    left = { kind: 'binary', op, left, right: parseMultiplicative(c), pos: t.pos };
  }
  return left;
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parseUnary(c);
  while (c.isOp('*') || c.isOp('/') || c.isOp('%')) {
    const t = c.next();
    left = { kind: 'binary', op: t.text as BinaryOp, left, right: parseUnary(c), pos: t.pos };
  }
  return left;
}

function parseUnary(c: Cursor): Expr {
  if (c.isOp('-')) {
    const pos = c.next().pos;
    const operand = parseUnary(c);
    // Fold `-9223372036854775808`, which is a BIGINT although 9223372036854775808 is not.
    if (
      operand.kind === 'literal' &&
      operand.type === 'BIGINT' &&
      typeof operand.value === 'bigint'
    ) {
      return { ...operand, value: -operand.value, pos };
    }
    return { kind: 'unary', op: '-', operand, pos };
  }
  if (c.acceptOp('+')) return parseUnary(c);
  return parsePrimary(c);
}
