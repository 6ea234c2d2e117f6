import {
  StorageError,
  type RecordFilter,
  type TableRef,
  type TelemetryStore,
} from '../../../../../app/src/storage/TelemetryStore.js';
import { bytesScanned } from '../response/respond.js';
import {
  isAggregateQuery,
  planSelect,
  type OutputColumn,
  type SelectPlan,
} from '../analyse/plan.js';
import type { TableSchema } from '../analyse/schema.js';
import { knownSchema, rememberSchema } from '../analyse/schemaCache.js';
import type { GroupRow } from '../analyse/scopes.js';
import type { QueryContext, QueryLimits } from '../context.js';
import { UnknownColumnError } from '../errors.js';
import type { SelectStatement } from '../sql/ast.js';
import type { Value } from '../types/values.js';
import { planAggregatePushdown } from './aggregatePushdown.js';
import { fetchRecords, scanTable, storeCall, storeQuery } from './fetch.js';
import { planLatestPushdown } from './latestPushdown.js';
import { planPushdown, type Pushdown } from './pushdown.js';
import { run } from './run.js';
import { resolveTable } from './table.js';

export interface SelectResult {
  columns: OutputColumn[];
  rows: Value[][];
  /** An estimate of the bytes read from the store (what Timestream meters). */
  bytesScanned: number;
}

/** Records read to learn a table's columns before its groups are asked of the store. */
const SAMPLE_RECORDS = 1000;

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
    return { columns: plan.columns, rows: run(plan, [undefined]), bytesScanned: 0 };
  }
  const { table, window } = await resolveTable(ctx, statement.from, nowNs);
  const qualifier = statement.from.alias ?? statement.from.table;
  const known = knownSchema(ctx.store, table);
  const schema = known.schema;
  if (isAggregateQuery(statement)) {
    const aggregated = await aggregateInStore(statement, qualifier, ctx, { table, window }, nowNs);
    if (aggregated) return aggregated;
  }
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
  return {
    columns: plan.columns,
    rows: run(plan, fetched.records),
    bytesScanned: bytesScanned(fetched.records),
  };
}

/**
 * An aggregate query the store can compute itself (execute/aggregatePushdown.ts,
 * execute/latestPushdown.ts), or undefined. Columns the schema cache does not know yet are
 * learned from a sample of the table's records; a column the sample does not show either leaves
 * the query to the record path, which learns the whole table.
 */
async function aggregateInStore(
  statement: SelectStatement,
  qualifier: string,
  ctx: QueryContext,
  { table, window }: Awaited<ReturnType<typeof resolveTable>>,
  nowNs: bigint,
): Promise<SelectResult | undefined> {
  const known = knownSchema(ctx.store, table);
  const schema = known.schema;
  for (const sampled of [false, true]) {
    const pushdown = planPushdown(statement.where, schema, window, nowNs, false, qualifier);
    let plan: SelectPlan;
    try {
      plan = planSelect(statement, pushdown.residual, schema, nowNs);
    } catch (error) {
      if (!(error instanceof UnknownColumnError) || sampled) return undefined;
      schema.learn(await storeQuery(ctx.store, table, { ...window, limit: SAMPLE_RECORDS }));
      continue;
    }
    const pushed = await groupsInStore(
      ctx.store,
      table,
      statement,
      plan,
      pushdown,
      schema,
      qualifier,
    );
    if (!pushed) return undefined;
    rememberSchema(ctx.store, table, schema, known.scanned);
    return {
      columns: plan.columns,
      rows: run(plan, [], pushed.groups),
      bytesScanned: pushed.bytesScanned,
    };
  }
  return undefined;
}

/**
 * The query's groups as the store computes them, by `aggregate` or else by `latest`; undefined
 * when neither applies or the store refuses. Bytes scanned are estimated from what it returns.
 */
async function groupsInStore(
  store: TelemetryStore,
  table: TableRef,
  statement: SelectStatement,
  plan: SelectPlan,
  pushdown: Pushdown,
  schema: TableSchema,
  qualifier: string,
): Promise<{ groups: GroupRow[]; bytesScanned: number } | undefined> {
  const dimensions = pushdown.dimensionSets[0] ?? {};
  const filter: RecordFilter = {
    from: pushdown.from,
    to: pushdown.to,
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    ...(pushdown.measureNames ? { measureNames: pushdown.measureNames } : {}),
  };
  const aggregate = planAggregatePushdown(plan, pushdown, schema, qualifier);
  if (aggregate) {
    const rows = await unlessRefused(() =>
      store.aggregate(table, { ...filter, ...aggregate.query }),
    );
    const measures = (aggregate.query.measures?.length ?? 0) + 1;
    return (
      rows && {
        groups: aggregate.toGroups(rows),
        bytesScanned: rows.reduce((n, r) => n + r.records * 8 * measures, 0),
      }
    );
  }
  const latest = planLatestPushdown(plan, statement.items, pushdown, schema, qualifier);
  if (latest) {
    const rows = await unlessRefused(() => store.latest(table, { ...filter, ...latest.query }));
    const measures = latest.query.measures.length + 1;
    return rows && { groups: latest.toGroups(rows), bytesScanned: rows.length * 8 * measures };
  }
  return undefined;
}

/** A store call; undefined when the store cannot do it (e.g. a measure of mixed types). */
function unlessRefused<T>(call: () => Promise<T[]>): Promise<T[] | undefined> {
  return storeCall(call).catch((error: unknown) => {
    if (error instanceof StorageError) return undefined;
    throw error;
  });
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
