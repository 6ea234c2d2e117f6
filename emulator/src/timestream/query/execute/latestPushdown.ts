import type { LatestQuery, LatestRow } from '../../../../../app/src/storage/TelemetryStore.js';
import type { SelectPlan } from '../analyse/plan.js';
import type { TableSchema } from '../analyse/schema.js';
import type { GroupRow } from '../analyse/scopes.js';
import type { Expr, SelectItem } from '../sql/ast.js';
import type { Value } from '../types/values.js';
import {
  columnOf,
  isDoubleMeasure,
  pushableGrouping,
  unique,
  type ColumnOf,
} from './groupedPushdown.js';
import type { Pushdown } from './pushdown.js';

/**
 * Each group's newest record found by the store (the port's `latest`: in InfluxDB one point per
 * series, `ORDER BY time DESC LIMIT 1`) instead of over records fetched into the server, for the
 * shape the app's Timestream adapter sends (app/src/storage/timestream/latestSql.ts), a fleet's
 * last readings:
 *
 *   SELECT turbine_id, max(time) AS t, max_by(power_kw, time) AS kw ... WHERE <all pushed down>
 *   GROUP BY turbine_id
 *
 * It applies when the whole WHERE went to the store (one dimension combination), there is a
 * GROUP BY and every key is a dimension, there is no HAVING, every aggregate (in SELECT or
 * ORDER BY) is max(time) or max_by(<DOUBLE measure column>, time), and every select item is one
 * of those keys or aggregates, aliased or not. Then max(time) is the time of the group's newest
 * record and max_by(x, time) that record's x, null when it lacks x as a DOUBLE: exactly the
 * port's row. DISTINCT, ORDER BY and LIMIT run over these groups as over any others. Anything
 * else returns undefined and the query reads records.
 *
 * Two things are open on both paths, as in Timestream: which of a group's records sharing its
 * newest time a row shows (the record path takes the first in the store's order, the store its
 * own pick), and the order of rows without ORDER BY (here the store's, by key, null first; on
 * the record path, the order groups were first met in).
 */
export interface LatestPlan {
  query: Pick<LatestQuery, 'groupBy' | 'measures'>;
  toGroups(rows: readonly LatestRow[]): GroupRow[];
}

type Call = Extract<Expr, { kind: 'call' }>;
type Source = { kind: 'time' } | { kind: 'measure'; name: string };

export function planLatestPushdown(
  plan: SelectPlan,
  items: readonly SelectItem[],
  pushdown: Pushdown,
  schema: TableSchema,
  qualifier: string,
): LatestPlan | undefined {
  const grouping = pushableGrouping(plan, pushdown);
  if (!grouping || grouping.having || grouping.keyExprs.length === 0) return undefined;
  const column = columnOf(schema, qualifier);

  const keys: string[] = [];
  for (const k of grouping.keyExprs) {
    const def = column(k);
    if (def?.role !== 'dimension') return undefined;
    keys.push(def.name);
  }
  const sources: Source[] = [];
  for (const a of grouping.aggregates) {
    const source = sourceOf(a.call, column);
    if (!source) return undefined;
    sources.push(source);
  }
  // The analysis has made a bare column a GROUP BY key, and an aggregate one of `sources`.
  const shown = (item: SelectItem): boolean =>
    item.kind === 'expr' &&
    (column(item.expr)?.role === 'dimension' ||
      (item.expr.kind === 'call' && sourceOf(item.expr, column) !== undefined));
  if (!items.every(shown)) return undefined;

  const query = {
    groupBy: unique(keys),
    measures: unique(sources.flatMap((s) => (s.kind === 'measure' ? [s.name] : []))),
  };
  const toGroups = (rows: readonly LatestRow[]): GroupRow[] =>
    rows.map((row) => ({
      keys: keys.map((name): Value => row.group[name] ?? null),
      aggs: sources.map((s): Value =>
        s.kind === 'time' ? row.time : (row.measures[s.name] ?? null),
      ),
    }));
  return { query, toGroups };
}

/** `max(time)`, or `max_by(<DOUBLE measure column>, time)`. */
function sourceOf(call: Call, column: ColumnOf): Source | undefined {
  const { name, star, distinct, args } = call;
  if (star || distinct) return undefined;
  if (name === 'max' && args.length === 1) {
    return column(args[0])?.role === 'time' ? { kind: 'time' } : undefined;
  }
  if (name !== 'max_by' || args.length !== 2 || column(args[1])?.role !== 'time') return undefined;
  const def = column(args[0]);
  return isDoubleMeasure(def) ? { kind: 'measure', name: def.name } : undefined;
}
