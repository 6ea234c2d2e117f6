import { at, unknownColumn } from '../errors.js';
import type { Expr } from '../sql/ast.js';
import { BIGINT_MAX, type Value } from '../types/values.js';
import { isAggregate } from './aggregates.js';
import { compileCast } from './cast.js';
import { cannotApply, constant, type Compiled } from './compiled.js';
import { compileFunction } from './functions.js';
import { compileLike } from './like.js';
import { arithmetic, comparable, comparison, logical, negate, not } from './operators.js';

/**
 * Where names mean something. The compiler asks the scope about every node first, so one
 * compiler serves each phase of a query: over table rows (WHERE, GROUP BY keys, aggregate
 * arguments), over groups (SELECT, HAVING, ORDER BY of an aggregate query, where a node may be a
 * group key or an aggregate), and over output rows (ORDER BY naming an output column).
 */
export interface Scope {
  resolve(e: Expr): Compiled | undefined;
  /** Trino's message when an aggregate appears where it may not, e.g. in WHERE. */
  aggregateError: string;
  nowNs: bigint;
}

export function compile(e: Expr, scope: Scope): Compiled {
  const resolved = scope.resolve(e);
  if (resolved) return resolved;
  switch (e.kind) {
    case 'column':
      throw unknownColumn(e.pos, e.qualifier ? `${e.qualifier}.${e.name}` : e.name);
    case 'literal':
      if (typeof e.value === 'bigint' && e.type === 'BIGINT' && e.value > BIGINT_MAX) {
        throw at(e.pos, `Invalid numeric literal: ${e.value}`);
      }
      return constant(e.type, e.value);
    case 'unary': {
      const operand = compile(e.operand, scope);
      return e.op === 'NOT' ? not(operand, e.pos) : negate(operand, e.pos);
    }
    case 'binary': {
      const left = compile(e.left, scope);
      const right = compile(e.right, scope);
      if (e.op === 'AND' || e.op === 'OR') return logical(e.op, left, right, e.pos);
      if (['=', '<>', '<', '<=', '>', '>='].includes(e.op))
        return comparison(e.op, left, right, e.pos);
      return arithmetic(e.op, left, right, e.pos);
    }
    case 'between': {
      const operand = compile(e.operand, scope);
      // Evaluate the operand once per row, then test low <= x AND x <= high.
      let value: Value = null;
      const x: Compiled = { type: operand.type, eval: () => value };
      const both = logical(
        'AND',
        comparison('>=', x, compile(e.low, scope), e.pos),
        comparison('<=', x, compile(e.high, scope), e.pos),
        e.pos,
      );
      const test: Compiled = {
        type: 'BOOLEAN',
        eval: (row) => {
          value = operand.eval(row);
          return both.eval(row);
        },
      };
      return e.negated ? not(test, e.pos) : test;
    }
    case 'in':
      return compileIn(e, scope);
    case 'isNull': {
      const operand = compile(e.operand, scope);
      return { type: 'BOOLEAN', eval: (row) => (operand.eval(row) === null) !== e.negated };
    }
    case 'like':
      return compileLike(
        e,
        compile(e.operand, scope),
        compile(e.pattern, scope),
        e.escape && compile(e.escape, scope),
      );
    case 'cast':
      return compileCast(compile(e.operand, scope), e.to, e.pos);
    case 'call':
      if (isAggregate(e.name)) throw at(e.pos, scope.aggregateError);
      if (e.star) throw at(e.pos, `Function '${e.name}' does not take *`);
      if (e.distinct) throw at(e.pos, `DISTINCT is only allowed in an aggregate: ${e.name}`);
      return compileFunction(
        e.name,
        e.args.map((a) => compile(a, scope)),
        e.pos,
        scope.nowNs,
      );
  }
}

/** x IN (a, b): TRUE if x equals one, else NULL if x or any item is NULL, else FALSE (3VL). */
function compileIn(e: Extract<Expr, { kind: 'in' }>, scope: Scope): Compiled {
  const operand = compile(e.operand, scope);
  const items = e.list.map((item) => compile(item, scope));
  for (const item of items) {
    if (!comparable(operand.type, item.type))
      throw cannotApply(e.pos, 'IN', [operand.type, item.type]);
  }
  let value: Value = null;
  const x: Compiled = { type: operand.type, eval: () => value };
  const tests = items.map((item) => comparison('=', x, item, e.pos));
  return {
    type: 'BOOLEAN',
    eval: (row) => {
      value = operand.eval(row);
      if (value === null) return null;
      let sawNull = false;
      for (const test of tests) {
        const r = test.eval(row);
        if (r === true) return !e.negated;
        if (r === null) sawNull = true;
      }
      return sawNull ? null : e.negated;
    },
  };
}
