import type { Accumulator } from '../analyse/aggregates.js';
import type { SelectPlan } from '../analyse/plan.js';
import type { GroupRow } from '../analyse/scopes.js';
import type { Value } from '../types/values.js';

/**
 * GROUP BY: folds each row into the accumulators of its group and keeps nothing else of it.
 * Groups are found through one Map per key column (a Map compares bigint and string keys by
 * value), which avoids building a string key per row: the hot loop of the fleet-per-10-minutes
 * query, a million rows. Groups come out in the order they were first seen.
 */
interface Group {
  keys: Value[];
  accumulators: Accumulator[];
}

type Node = Map<Value, Node | Group>;

export function groupRows(plan: SelectPlan, rows: Iterable<unknown>): GroupRow[] {
  const { keys, aggregates } = plan.grouping as NonNullable<SelectPlan['grouping']>;
  const filter = plan.filter;
  const groups: Group[] = [];
  const root: Node = new Map();
  const depth = keys.length;
  const newGroup = (values: Value[]): Group => {
    const group = { keys: values, accumulators: aggregates.map((a) => a.spec.create()) };
    groups.push(group);
    return group;
  };
  let single: Group | undefined;
  const values: Value[] = new Array<Value>(depth);

  for (const row of rows) {
    if (filter && filter.eval(row) !== true) continue;
    let group: Group;
    if (depth === 0) {
      group = single ??= newGroup([]);
    } else {
      for (let i = 0; i < depth; i++) values[i] = (keys[i] as (typeof keys)[number]).eval(row);
      let node = root;
      for (let i = 0; i < depth - 1; i++) {
        const v = values[i] as Value;
        let next = node.get(v) as Node | undefined;
        if (!next) node.set(v, (next = new Map()));
        node = next;
      }
      const last = values[depth - 1] as Value;
      let found = node.get(last) as Group | undefined;
      if (!found) node.set(last, (found = newGroup(values.slice())));
      group = found;
    }
    for (let i = 0; i < aggregates.length; i++) {
      const a = aggregates[i] as (typeof aggregates)[number];
      const acc = group.accumulators[i] as Accumulator;
      if (a.star) acc.add(true, null);
      else acc.add(a.args[0] ? a.args[0].eval(row) : null, a.args[1] ? a.args[1].eval(row) : null);
    }
  }
  // An aggregate without GROUP BY answers one row even over no rows (count 0, others NULL).
  if (depth === 0 && !single) newGroup([]);
  return groups.map((g) => ({ keys: g.keys, aggs: g.accumulators.map((a) => a.result()) }));
}
