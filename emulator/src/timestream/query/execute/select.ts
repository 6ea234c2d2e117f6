import type { TelemetryRecord } from '../../../../../app/src/telemetry/record.js';
import {
  isAggregateQuery,
  planSelect,
  type OutputColumn,
  type SelectPlan,
} from '../analyse/plan.js';
import type { TableSchema } from '../analyse/schema.js';
import { knownSchema, rememberSchema } from '../analyse/schemaCache.js';
import type { QueryContext, QueryLimits } from '../context.js';
import { UnknownColumnError } from '../errors.js';
import type { SelectStatement } from '../sql/ast.js';
import type { Value } from '../types/values.js';
import { fetchRecords, scanTable } from './fetch.js';
import { planPushdown, type Pushdown } from './pushdown.js';
import { run } from './run.js';
import { resolveTable } from './table.js';

export interface SelectResult {
  columns: OutputColumn[];
  rows: Value[][];
  /** Records read from the store (what Timestream meters as bytes scanned). */
  records: readonly TelemetryRecord[];
}

/**
 * One SELECT, in the order the design in ../index.ts describes: catalog, pushdown, store calls,
 * analysis against the columns the records show, evaluation.
 */
export async function runSelect(
  statement: SelectStatement,
  ctx: QueryContext,
  nowNs: bigint,
  limits: QueryLimits,
): Promise<SelectResult> {
  if (!statement.from) {
    const plan = planSelect(statement, statement.where, undefined, nowNs);
    return { columns: plan.columns, rows: run(plan, [undefined]), records: [] };
  }
  const { table, window } = await resolveTable(ctx, statement.from, nowNs);
  const qualifier = statement.from.alias ?? statement.from.table;
  const known = knownSchema(ctx.store, table);
  const schema = known.schema;
  const fetch = (p: Pushdown) =>
    fetchRecords(ctx.store, table, p, window, {
      maxRecords: limits.maxRecords,
      ...(limitPushable(statement, p.residual) ? { limit: statement.limit } : {}),
    });
  let pushdown = planPushdown(statement.where, schema, window, nowNs, true, qualifier);
  let fetched = await fetch(pushdown);
  let scanned = false;
  const scan = async (): Promise<void> => {
    const records = fetched.complete
      ? fetched.records
      : await scanTable(ctx.store, table, window, limits.maxRecords);
    schema.rebase(records);
    scanned = true;
  };

  if (pushdown.speculative.length > 0) {
    if (fetched.records.length > 0) {
      // The store returned rows having those dimensions: they are dimensions.
      schema.learn(fetched.records);
    } else {
      // No row: maybe no match, maybe not a dimension at all. Learn the columns and plan again.
      await scan();
      const checked = planPushdown(statement.where, schema, window, nowNs, false, qualifier);
      const confirmed = pushdown.speculative.every((n) => schema.resolve(n)?.role === 'dimension');
      if (!confirmed) fetched = await fetch(checked);
      pushdown = checked;
    }
  }
  if (statement.items.some((i) => i.kind === 'star')) {
    // SELECT * lists the table's columns: scan once per table, then add what the rows show.
    if (!known.scanned && !scanned) await scan();
    schema.learn(fetched.records);
  }
  // A column the cache does not know yet: learn the fetched rows' columns, then the table's.
  const plan = await analyse(statement, pushdown.residual, schema, nowNs, [
    async () => void schema.learn(fetched.records),
    ...(scanned ? [] : [scan]),
  ]);
  rememberSchema(ctx.store, table, schema, scanned);
  return { columns: plan.columns, rows: run(plan, fetched.records), records: fetched.records };
}

/** Analyses; on an unknown column, learns more of the schema and tries again, step by step. */
async function analyse(
  statement: SelectStatement,
  residual: SelectStatement['where'],
  schema: TableSchema,
  nowNs: bigint,
  learnMore: (() => Promise<void>)[],
): Promise<SelectPlan> {
  for (const learn of learnMore) {
    try {
      return planSelect(statement, residual, schema, nowNs);
    } catch (error) {
      if (!(error instanceof UnknownColumnError)) throw error;
      await learn();
    }
  }
  return planSelect(statement, residual, schema, nowNs);
}

/** LIMIT can go to the store when every row the store returns is a result row, in order. */
function limitPushable(statement: SelectStatement, residual: SelectStatement['where']): boolean {
  return (
    statement.limit !== undefined &&
    residual === undefined &&
    statement.orderBy.length === 0 &&
    !statement.distinct &&
    !isAggregateQuery(statement)
  );
}
