import type { QueryContext, QueryLimits } from '../context.js';
import type { Statement } from '../sql/ast.js';
import { describe, showDatabases, showTables } from './catalogStatements.js';
import { runSelect, type SelectResult } from './select.js';

/** Runs one parsed statement to its full result. */
export function execute(
  statement: Statement,
  ctx: QueryContext,
  nowNs: bigint,
  limits: QueryLimits,
): Promise<SelectResult> {
  switch (statement.kind) {
    case 'select':
      return runSelect(statement, ctx, nowNs, limits);
    case 'showDatabases':
      return showDatabases(statement, ctx);
    case 'showTables':
      return showTables(statement, ctx);
    case 'describe':
      return describe(statement, ctx, nowNs, limits);
  }
}
