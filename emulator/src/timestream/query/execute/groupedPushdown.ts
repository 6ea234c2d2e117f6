import type { SelectPlan } from '../analyse/plan.js';
import type { ColumnDef, TableSchema } from '../analyse/schema.js';
import type { Expr } from '../sql/ast.js';
import type { Pushdown } from './pushdown.js';

/**
 * What the two ways of having the store compute a query's groups share (aggregatePushdown.ts:
 * the port's `aggregate`; latestPushdown.ts: its `latest`): the condition on the WHERE, and how
 * the columns the query names are recognised.
 */

/**
 * The query's grouping, when the store can compute its groups from the WHERE alone: the whole
 * WHERE went to the store, in one call (one dimension combination), and can match rows.
 */
export function pushableGrouping(
  plan: SelectPlan,
  pushdown: Pushdown,
): NonNullable<SelectPlan['grouping']> | undefined {
  const grouping = plan.grouping;
  if (!grouping || plan.filter || pushdown.empty || pushdown.dimensionSets.length !== 1) {
    return undefined;
  }
  return grouping;
}

/** The column of the table an expression is, when it is a bare column (of no other table). */
export type ColumnOf = (e: Expr | undefined) => ColumnDef | undefined;

export function columnOf(schema: TableSchema, qualifier: string): ColumnOf {
  return (e) =>
    e?.kind === 'column' && (e.qualifier === undefined || e.qualifier === qualifier)
      ? schema.resolve(e.name)
      : undefined;
}

/** A DOUBLE measure column: a MULTI measure's value, or `measure_value::double`. */
export function isDoubleMeasure(def: ColumnDef | undefined): def is ColumnDef {
  return (def?.role === 'multi' || def?.role === 'single') && def.type === 'DOUBLE';
}

export const unique = <T>(items: T[]): T[] => [...new Set(items)];
