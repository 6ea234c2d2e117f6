import type { TableSchema } from '../analyse/schema.js';
import type { Expr } from '../sql/ast.js';
import { asStringFilter, asTimeBound } from './pushdownShapes.js';

/**
 * What of a WHERE clause the store can do (the port's `query`: a time range [from, to), equality
 * on dimensions, a set of measure names). Only top-level AND conjuncts are taken, and only these
 * shapes, each exactly what the store does, so they are not evaluated again:
 * - `time <op> c`, `c <op> time` (op one of = < <= > >=), `time BETWEEN c1 AND c2`, where c is a
 *   TIMESTAMP constant such as `ago(24h)`, `now() - 1h`, `TIMESTAMP '...'`;
 * - `measure_name = 'x'`, `measure_name IN ('x', 'y')`;
 * - `<dimension> = 'v'`, `<dimension> IN ('v', 'w')`: one store call per combination of values
 *   (at most MAX_CALLS; beyond that the IN stays in the filter evaluated here).
 * A name counts as a dimension when the schema says so: a VARCHAR multi-measure column of the
 * same name must be filtered here, since the store only filters dimensions. With `speculate`, a
 * name the schema does not know yet is pushed as a dimension too and listed in `speculative`: if
 * the store returns rows, they have that dimension, which settles it (Timestream gives a name one
 * role per table); if it returns none, the caller learns the schema and plans again without.
 */
export interface Pushdown {
  from: bigint;
  to: bigint;
  /** One store call per entry; `[{}]` when no dimension is filtered. */
  dimensionSets: Record<string, string>[];
  measureNames?: string[];
  /** The conjuncts left to evaluate, ANDed. */
  residual?: Expr;
  /** The conjuncts contradict each other (or compare with NULL): no row can match. */
  empty: boolean;
  /** Names pushed as dimensions without the schema knowing them. */
  speculative: string[];
}

export const MAX_CALLS = 32;

export function planPushdown(
  where: Expr | undefined,
  schema: TableSchema,
  window: { from: bigint; to: bigint },
  nowNs: bigint,
  speculate: boolean,
  /** The table's alias, or its name: the only qualifier a pushed column may have. */
  qualifier: string,
): Pushdown {
  const w = { schema, qualifier, nowNs };
  let { from, to } = window;
  let empty = false;
  let measureNames: Set<string> | undefined;
  const dimensions = new Map<string, { values: Set<string>; conjuncts: Expr[] }>();
  const residual: Expr[] = [];
  const speculative: string[] = [];

  for (const c of conjuncts(where)) {
    let pushed = asTimeBound(c, w) ?? asStringFilter(c, w);
    if (pushed?.kind === 'unknown') {
      if (speculate) speculative.push(pushed.name);
      pushed = speculate ? { ...pushed, kind: 'dimension' } : undefined;
    }
    if (!pushed) {
      residual.push(c);
      continue;
    }
    if (pushed.kind === 'time') {
      if (pushed.from === null || pushed.to === null) empty = true;
      else {
        if (pushed.from > from) from = pushed.from;
        if (pushed.to < to) to = pushed.to;
      }
    } else if (pushed.kind === 'measure_name') {
      measureNames = intersect(measureNames, pushed.values);
    } else {
      const known = dimensions.get(pushed.name);
      dimensions.set(pushed.name, {
        values: intersect(known?.values, pushed.values),
        conjuncts: [...(known?.conjuncts ?? []), c],
      });
    }
  }
  if (from >= to || measureNames?.size === 0) empty = true;
  if ([...dimensions.values()].some((d) => d.values.size === 0)) empty = true;

  // Too many combinations: keep only the single-valued dimensions in the store calls.
  const combinations = [...dimensions.values()].reduce((n, d) => n * d.values.size, 1);
  if (combinations > MAX_CALLS) {
    for (const [name, d] of dimensions) {
      if (d.values.size > 1) {
        residual.push(...d.conjuncts);
        dimensions.delete(name);
      }
    }
  }
  const rest = residual.reduce<Expr | undefined>(
    (acc, e) => (acc ? { kind: 'binary', op: 'AND', left: acc, right: e, pos: e.pos } : e),
    undefined,
  );
  return {
    from,
    to,
    dimensionSets: product([...dimensions].map(([name, d]) => [name, [...d.values]])),
    empty,
    speculative,
    ...(measureNames ? { measureNames: [...measureNames] } : {}),
    ...(rest ? { residual: rest } : {}),
  };
}

function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.kind === 'binary' && e.op === 'AND') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

function intersect(known: Set<string> | undefined, values: string[]): Set<string> {
  return new Set(known ? values.filter((v) => known.has(v)) : values);
}

function product(dims: [string, string[]][]): Record<string, string>[] {
  return dims.reduce<Record<string, string>[]>(
    (sets, [name, values]) => sets.flatMap((s) => values.map((v) => ({ ...s, [name]: v }))),
    [{}],
  );
}
