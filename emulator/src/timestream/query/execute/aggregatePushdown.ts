import type {
  AggregateQuery,
  AggregateRow,
  MeasureStat,
  MeasureStats,
} from '../../../../../app/src/storage/TelemetryStore.js';
import type { SelectPlan } from '../analyse/plan.js';
import type { TableSchema } from '../analyse/schema.js';
import type { AggregateCall, GroupRow } from '../analyse/scopes.js';
import type { Expr } from '../sql/ast.js';
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
 * Aggregation done by the store (the port's `aggregate`: InfluxQL in InfluxDB) instead of over
 * records fetched into the server, for the shape dashboards and analysts write:
 *
 *   SELECT bin(time, 10m) AS t, project, sum(power_kw), avg(power_kw), count(*),
 *          count(DISTINCT turbine_id) ... WHERE <all pushed down> GROUP BY 1, 2
 *
 * It applies when the whole WHERE went to the store (one dimension combination), every GROUP BY
 * key is `bin(time, <interval>)` or a dimension, and every aggregate is count(*), or
 * count/sum/avg/min/max of a DOUBLE measure column, or count(DISTINCT <dimension>). The store
 * answers one row per bin and group with counts, sums, minima and maxima; each aggregate's value
 * comes from those exactly as its accumulator would compute it (avg = sum / count), and HAVING,
 * the select list, ORDER BY and LIMIT run over these groups as over any others. Anything else
 * returns undefined and the query reads records. Sums can differ from the record path in the last
 * bits (the database adds in its own order), as Timestream's own parallel sums may.
 */
export interface AggregatePlan {
  query: Omit<AggregateQuery, 'from' | 'to' | 'dimensions' | 'measureNames'>;
  toGroups(rows: readonly AggregateRow[]): GroupRow[];
}

type Source =
  | { kind: 'records' }
  | { kind: 'measure'; name: string; stat: 'count' | 'sum' | 'avg' | 'min' | 'max' }
  | { kind: 'distinct'; name: string };

export function planAggregatePushdown(
  plan: SelectPlan,
  pushdown: Pushdown,
  schema: TableSchema,
  qualifier: string,
): AggregatePlan | undefined {
  const grouping = pushableGrouping(plan, pushdown);
  if (!grouping) return undefined;
  const column = columnOf(schema, qualifier);

  let bin: bigint | undefined;
  const keys: ({ kind: 'bin' } | { kind: 'dimension'; name: string })[] = [];
  for (const k of grouping.keyExprs) {
    const def = column(k);
    if (def?.role === 'dimension') {
      keys.push({ kind: 'dimension', name: def.name });
      continue;
    }
    const width = binWidth(k, column);
    if (width === undefined || (bin !== undefined && bin !== width)) return undefined;
    bin = width;
    keys.push({ kind: 'bin' });
  }
  const sources: Source[] = [];
  for (const a of grouping.aggregates) {
    const source = sourceOf(a, column);
    if (!source) return undefined;
    sources.push(source);
  }

  const groupBy = unique(keys.flatMap((k) => (k.kind === 'dimension' ? [k.name] : [])));
  const measures = unique(sources.flatMap((s) => (s.kind === 'measure' ? [s.name] : [])));
  const distinct = unique(sources.flatMap((s) => (s.kind === 'distinct' ? [s.name] : [])));
  const query = {
    ...(bin === undefined ? {} : { bin }),
    groupBy,
    measures,
    stats: statsOf(sources),
    distinct,
  };
  const toGroups = (rows: readonly AggregateRow[]): GroupRow[] => {
    const groups = rows.map((row) => ({
      keys: keys.map((k): Value =>
        k.kind === 'bin' ? (row.bin ?? null) : (row.group[k.name] ?? null),
      ),
      aggs: sources.map((s) => valueOf(s, row)),
    }));
    // An aggregate without GROUP BY answers one row even over no records.
    if (groups.length === 0 && keys.length === 0) {
      const none: AggregateRow = { group: {}, records: 0, measures: {}, distinct: {} };
      groups.push({ keys: [], aggs: sources.map((s) => valueOf(s, none)) });
    }
    return groups;
  };
  return { query, toGroups };
}

/** `bin(time, 10m)`: its width in ns. */
function binWidth(e: Expr, column: ColumnOf): bigint | undefined {
  if (e.kind !== 'call' || e.name !== 'bin' || e.distinct || e.args.length !== 2) return undefined;
  const [time, width] = e.args;
  if (column(time)?.role !== 'time') return undefined;
  if (width?.kind !== 'literal' || width.type !== 'INTERVAL') return undefined;
  const ns = width.value as bigint;
  return ns > 0n ? ns : undefined;
}

function sourceOf(a: AggregateCall, column: ColumnOf): Source | undefined {
  const { name, star, distinct, args } = a.call;
  if (star) return name === 'count' ? { kind: 'records' } : undefined;
  if (args.length !== 1) return undefined;
  const def = column(args[0]);
  if (!def) return undefined;
  if (distinct)
    return name === 'count' && def.role === 'dimension'
      ? { kind: 'distinct', name: def.name }
      : undefined;
  if (!isDoubleMeasure(def)) return undefined;
  if (name === 'count' || name === 'sum' || name === 'avg' || name === 'min' || name === 'max') {
    return { kind: 'measure', name: def.name, stat: name };
  }
  return undefined;
}

/** What the aggregate's accumulator would have answered over the same records. */
function valueOf(source: Source, row: AggregateRow): Value {
  switch (source.kind) {
    case 'records':
      return BigInt(row.records);
    case 'distinct':
      return BigInt(row.distinct[source.name] ?? 0);
    case 'measure': {
      const s: MeasureStats = row.measures[source.name] ?? NO_VALUES;
      if (source.stat === 'count') return BigInt(s.count ?? 0);
      if (s.count === 0) return null;
      if (source.stat === 'avg') return s.sum === null || !s.count ? null : s.sum / s.count;
      return s[source.stat];
    }
  }
}

const NO_VALUES: MeasureStats = { count: 0, sum: null, min: null, max: null };

/** The statistics the store must compute for these aggregates. */
function statsOf(sources: readonly Source[]): MeasureStat[] {
  const stats = sources.flatMap((s): MeasureStat[] =>
    s.kind !== 'measure' ? [] : s.stat === 'avg' ? ['sum', 'count'] : [s.stat],
  );
  return unique(stats);
}
