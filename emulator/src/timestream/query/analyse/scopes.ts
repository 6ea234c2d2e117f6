import { at, unknownColumn } from '../errors.js';
import { exprKey, type Expr } from '../sql/ast.js';
import type { Value } from '../types/values.js';
import { aggregateSpec, isAggregate, type AggregateSpec } from './aggregates.js';
import { columnAccessor } from './columns.js';
import { compile, type Scope } from './compile.js';
import type { Compiled } from './compiled.js';
import type { TableSchema } from './schema.js';

/** Table rows: a name is a column of the table (qualified by the table name or its alias). */
export function tableScope(
  schema: TableSchema | undefined,
  qualifier: string | undefined,
  nowNs: bigint,
  aggregateError: string,
): Scope {
  return {
    nowNs,
    aggregateError,
    resolve: (e) => {
      if (e.kind !== 'column') return undefined;
      if (e.qualifier !== undefined && e.qualifier !== qualifier) {
        throw at(e.pos, `Column '${e.qualifier}.${e.name}' cannot be resolved`);
      }
      const def = schema?.resolve(e.name);
      return def ? columnAccessor(def) : undefined;
    },
  };
}

/** One group of an aggregate query: its key values and its aggregates' results. */
export interface GroupRow {
  keys: Value[];
  aggs: Value[];
}

export interface AggregateCall {
  /** The call as written (execute/aggregatePushdown.ts reads it). */
  call: Extract<Expr, { kind: 'call' }>;
  spec: AggregateSpec;
  args: Compiled[];
  /** count(*): every row counts. */
  star: boolean;
}

/**
 * Groups: a node is a GROUP BY key (matched by its text, as Trino matches them) or an aggregate;
 * any other column is refused with Trino's message. Aggregates are registered as they are met,
 * so SELECT, HAVING and ORDER BY share one accumulator per distinct call.
 */
export class GroupScope implements Scope {
  readonly aggregateError = 'Cannot nest aggregations';
  readonly aggregates: AggregateCall[] = [];
  private readonly aggregateIndex = new Map<string, number>();
  private readonly keyIndex = new Map<string, number>();

  constructor(
    keys: readonly Expr[],
    private readonly keyTypes: readonly Compiled[],
    private readonly rows: Scope,
    readonly nowNs: bigint,
  ) {
    keys.forEach((k, i) => this.keyIndex.set(exprKey(k), i));
  }

  resolve(e: Expr): Compiled | undefined {
    const key = this.keyIndex.get(exprKey(e));
    if (key !== undefined) {
      return {
        type: (this.keyTypes[key] as Compiled).type,
        eval: (g) => (g as GroupRow).keys[key] ?? null,
      };
    }
    if (e.kind === 'call' && isAggregate(e.name)) return this.aggregate(e);
    if (e.kind === 'column') {
      if (!this.rows.resolve(e)) throw unknownColumn(e.pos, e.name);
      throw at(e.pos, `'${e.name}' must be an aggregate expression or appear in GROUP BY clause`);
    }
    return undefined;
  }

  private aggregate(e: Extract<Expr, { kind: 'call' }>): Compiled {
    const text = exprKey(e);
    let index = this.aggregateIndex.get(text);
    if (index === undefined) {
      const argScope: Scope = {
        ...this.rows,
        aggregateError: `Cannot nest aggregations inside aggregation '${e.name}'`,
      };
      const args = e.args.map((a) => compile(a, argScope));
      const spec = aggregateSpec(
        e.name,
        args.map((a) => a.type),
        e.distinct,
        e.pos,
      );
      if (e.star && e.name !== 'count') throw at(e.pos, `${e.name}(*) is not a function`);
      index = this.aggregates.push({ call: e, spec, args, star: e.star }) - 1;
      this.aggregateIndex.set(text, index);
    }
    const i = index;
    return {
      type: (this.aggregates[i] as AggregateCall).spec.type,
      eval: (g) => (g as GroupRow).aggs[i] ?? null,
    };
  }
}

/** A row being ordered: the row it came from (a table row or a group) and its output values. */
export interface OrderRow {
  src: unknown;
  out: Value[];
}

/**
 * ORDER BY: a bare name is an output column first (its alias, or the column it shows), as in
 * Trino; an expression that is a select item is that output; anything else is compiled over the
 * source row. With DISTINCT only outputs may be named (Trino: "For SELECT DISTINCT, ORDER BY
 * expressions must appear in select list").
 */
export function orderScope(
  base: Scope,
  outputs: readonly { name: string; expr: Expr }[],
  types: readonly Compiled[],
  distinct: boolean,
): Scope {
  const output = (i: number): Compiled => ({
    type: (types[i] as Compiled).type,
    eval: (r) => (r as OrderRow).out[i] ?? null,
  });
  return {
    nowNs: base.nowNs,
    aggregateError: base.aggregateError,
    resolve: (e) => {
      if (e.kind === 'column' && e.qualifier === undefined) {
        const named = outputs.map((o, i) => (o.name === e.name ? i : -1)).filter((i) => i >= 0);
        if (named.length > 1) throw at(e.pos, `Column '${e.name}' is ambiguous`);
        if (named.length === 1) return output(named[0] as number);
      }
      const same = outputs.findIndex((o) => exprKey(o.expr) === exprKey(e));
      if (same >= 0) return output(same);
      if (distinct && (e.kind === 'column' || e.kind === 'call')) {
        throw at(e.pos, 'For SELECT DISTINCT, ORDER BY expressions must appear in select list');
      }
      const inner = base.resolve(e);
      return inner && { type: inner.type, eval: (r) => inner.eval((r as OrderRow).src) };
    },
  };
}
