import type { TableRef } from '../../../../../app/src/storage/TelemetryStore.js';
import type { QueryContext } from '../context.js';
import { notFound } from '../errors.js';
import type { TableName } from '../sql/ast.js';

/** Records are read from [now - retention, END_OF_TIME): past the retention, never returned. */
export const END_OF_TIME = 2n ** 63n;

export interface ResolvedTable {
  table: TableRef;
  window: { from: bigint; to: bigint };
}

/** The table a statement names, or Timestream's not-found ValidationException (errors.ts). */
export async function resolveTable(
  ctx: QueryContext,
  name: TableName,
  nowNs: bigint,
): Promise<ResolvedTable> {
  const { database, table, pos } = name;
  const summary = await ctx.catalog.getTable(database, table);
  if (!summary) {
    const identifier = `${database}.${table}`;
    if ((await ctx.catalog.listTables(database)) === undefined) {
      throw notFound('database', database, identifier, pos);
    }
    throw notFound('table', table, identifier, pos);
  }
  const retentionNs = BigInt(Math.max(0, Math.floor(summary.retentionMs))) * 1_000_000n;
  return {
    table: { database, table },
    window: { from: nowNs > retentionNs ? nowNs - retentionNs : 0n, to: END_OF_TIME },
  };
}
