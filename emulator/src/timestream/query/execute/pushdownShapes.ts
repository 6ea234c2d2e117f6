import { TimestreamError } from '../../protocol/errors.js';
import { compile, type Scope } from '../analyse/compile.js';
import type { TableSchema } from '../analyse/schema.js';
import type { Expr } from '../sql/ast.js';
import type { Value } from '../types/values.js';

/**
 * The conjunct shapes the store can do (see pushdown.ts), recognised one conjunct at a time.
 * A column with a qualifier other than the table's is left alone, so that the analysis reports it.
 */
export interface Where {
  schema: TableSchema;
  /** The table's alias, or its name. */
  qualifier: string;
  nowNs: bigint;
}

export type Pushed =
  | { kind: 'time'; from: bigint | null; to: bigint | null }
  | { kind: 'measure_name' | 'dimension'; name: string; values: string[] }
  | { kind: 'unknown'; name: string; values: string[] };

const FLIP: Record<string, string> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function asTimeBound(c: Expr, w: Where): Pushed | undefined {
  if (c.kind === 'between' && !c.negated && roleOf(c.operand, w) === 'time') {
    const low = constantOf(c.low, 'TIMESTAMP', w.nowNs);
    const high = constantOf(c.high, 'TIMESTAMP', w.nowNs);
    if (low === undefined || high === undefined) return undefined;
    return {
      kind: 'time',
      from: low as bigint | null,
      to: high === null ? null : (high as bigint) + 1n,
    };
  }
  if (c.kind !== 'binary' || !(c.op in FLIP)) return undefined;
  const [column, other, op] =
    roleOf(c.left, w) === 'time'
      ? [c.left, c.right, c.op]
      : [c.right, c.left, FLIP[c.op] as string];
  if (roleOf(column, w) !== 'time') return undefined;
  const value = constantOf(other, 'TIMESTAMP', w.nowNs);
  if (value === undefined) return undefined;
  if (value === null) return { kind: 'time', from: null, to: null };
  const t = value as bigint;
  if (op === '=') return { kind: 'time', from: t, to: t + 1n };
  if (op === '>') return { kind: 'time', from: t + 1n, to: 2n ** 64n };
  if (op === '>=') return { kind: 'time', from: t, to: 2n ** 64n };
  if (op === '<') return { kind: 'time', from: -1n, to: t };
  return { kind: 'time', from: -1n, to: t + 1n };
}

export function asStringFilter(c: Expr, w: Where): Pushed | undefined {
  let column: Expr;
  let items: Expr[];
  if (c.kind === 'in' && !c.negated) [column, items] = [c.operand, c.list];
  else if (c.kind === 'binary' && c.op === '=') {
    [column, items] = c.left.kind === 'column' ? [c.left, [c.right]] : [c.right, [c.left]];
  } else return undefined;
  if (column.kind !== 'column' || !ours(column, w)) return undefined;
  const values: string[] = [];
  for (const item of items) {
    const v = constantOf(item, 'VARCHAR', w.nowNs);
    if (v === undefined) return undefined;
    if (v !== null) values.push(v as string);
  }
  const role = roleOf(column, w);
  if (role === undefined) return { kind: 'unknown', name: column.name, values };
  if (role === 'measure_name' || role === 'dimension')
    return { kind: role, name: column.name, values };
  return undefined;
}

function roleOf(e: Expr, w: Where): string | undefined {
  return e.kind === 'column' && ours(e, w) ? w.schema.resolve(e.name)?.role : undefined;
}

function ours(e: Extract<Expr, { kind: 'column' }>, w: Where): boolean {
  return e.qualifier === undefined || e.qualifier === w.qualifier;
}

/** A column-free expression of the given type, evaluated now; undefined when it is not one. */
function constantOf(e: Expr, type: string, nowNs: bigint): Value | undefined {
  const notConstant = new Error('not constant');
  const scope: Scope = {
    nowNs,
    aggregateError: 'not constant',
    resolve: (n) => {
      if (n.kind === 'column') throw notConstant;
      return undefined;
    },
  };
  let compiled;
  try {
    compiled = compile(e, scope);
  } catch (error) {
    // Not a constant, or a type error that the full analysis reports with its context.
    if (error === notConstant || error instanceof TimestreamError) return undefined;
    throw error;
  }
  if (compiled.type !== type && compiled.type !== 'UNKNOWN') return undefined;
  return compiled.eval(undefined); // evaluation errors (a bad ISO-8601 string) are the user's
}
