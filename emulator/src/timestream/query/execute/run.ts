import type { SelectPlan, SortKey } from '../analyse/plan.js';
import type { GroupRow, OrderRow } from '../analyse/scopes.js';
import { compareValues, tupleKey, type Value } from '../types/values.js';
import { groupRows } from './groups.js';

/**
 * Runs an analysed SELECT over rows in one pass: filter, then either project each row or fold it
 * into its group's accumulators (execute/groups.ts; the rows themselves are not kept), then
 * HAVING, DISTINCT, ORDER BY and LIMIT. Without ORDER BY the rows keep the store's order (time,
 * then series) and a LIMIT stops the pass early. `groups`, when given, are the groups already
 * computed by the store (execute/aggregatePushdown.ts, latestPushdown.ts) and `rows` is not read.
 */
export function run(plan: SelectPlan, rows: Iterable<unknown>, groups?: GroupRow[]): Value[][] {
  const sources = plan.grouping
    ? having(plan, groups ?? groupRows(plan, rows))
    : filtered(plan, rows);
  const ordered = plan.order.length > 0;
  const stopAt = ordered ? undefined : plan.limit;
  const seen = plan.distinct ? new Set<string>() : undefined;
  const out: Value[][] = [];
  const sortable: OrderRow[] = [];
  if (stopAt === 0) return out;
  for (const src of sources) {
    const values = plan.project.map((p) => p.eval(src));
    if (seen) {
      const key = tupleKey(values);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    if (ordered) sortable.push({ src, out: values });
    else out.push(values);
    if (stopAt !== undefined && out.length >= stopAt) break;
  }
  if (!ordered) return out;
  const sorted = sortByKeys(sortable, plan.order).map((r) => r.out);
  return plan.limit === undefined ? sorted : sorted.slice(0, plan.limit);
}

function* filtered(plan: SelectPlan, rows: Iterable<unknown>): Iterable<unknown> {
  const filter = plan.filter;
  if (!filter) {
    yield* rows;
    return;
  }
  for (const row of rows) if (filter.eval(row) === true) yield row;
}

function* having(plan: SelectPlan, groups: Iterable<GroupRow>): Iterable<GroupRow> {
  const test = plan.grouping?.having;
  for (const g of groups) if (!test || test.eval(g) === true) yield g;
}

/** Sort keys are computed once per row; NULLs first or last as asked (Trino: last). */
function sortByKeys(rows: OrderRow[], order: readonly SortKey[]): OrderRow[] {
  const keyed = rows.map((row) => ({ row, keys: order.map((o) => o.key(row)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < order.length; i++) {
      const { descending, nullsFirst } = order[i] as SortKey;
      const x = a.keys[i] ?? null;
      const y = b.keys[i] ?? null;
      if (x === null || y === null) {
        if (x === y) continue;
        return (x === null) === nullsFirst ? -1 : 1;
      }
      const c = compareValues(x, y);
      if (c !== 0) return descending ? -c : c;
    }
    return 0;
  });
  return keyed.map((k) => k.row);
}
