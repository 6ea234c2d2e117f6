import { at } from '../errors.js';
import { walk, type Expr } from '../sql/ast.js';
import { isAggregate } from './aggregates.js';
import type { Scope } from './compile.js';

/**
 * What each GROUP BY item groups by. Trino takes an expression or a select-list position
 * (`GROUP BY 1, 2`, as Timestream's own examples write it); we also take a select-list alias
 * (`GROUP BY binned`) when the name is not a column of the table, which Trino would refuse but
 * which MySQL/PostgreSQL users write and which cannot change the meaning of a query Trino accepts.
 */
export function resolveGroupBy(
  groupBy: readonly Expr[],
  items: readonly { expr: Expr; name: string }[],
  rows: Scope,
): Expr[] {
  return groupBy.map((g) => {
    if (g.kind === 'literal' && g.type === 'BIGINT') {
      const n = Number(g.value);
      const item = items[n - 1];
      if (!item) throw at(g.pos, `GROUP BY position ${n} is not in select list`);
      if (containsAggregate(item.expr))
        throw at(g.pos, `GROUP BY position ${n} cannot reference an aggregate function`);
      return item.expr;
    }
    if (g.kind === 'column' && g.qualifier === undefined && !rows.resolve(g)) {
      const aliased = items.filter((i) => i.name === g.name);
      if (aliased.length === 1) {
        const expr = (aliased[0] as { expr: Expr }).expr;
        if (containsAggregate(expr))
          throw at(g.pos, `GROUP BY '${g.name}' cannot reference an aggregate function`);
        return expr;
      }
    }
    return g;
  });
}

function containsAggregate(e: Expr): boolean {
  let found = false;
  walk(e, (n) => {
    if (n.kind === 'call' && isAggregate(n.name)) found = true;
  });
  return found;
}
