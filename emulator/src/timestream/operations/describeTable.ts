import { input, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireTable } from './lookup.js';
import { tableView } from './views.js';

const shape = input({ DatabaseName: resourceName, TableName: resourceName }, [
  'DatabaseName',
  'TableName',
]);

/** DescribeTable: a missing database or table is ResourceNotFoundException. */
export async function describeTable(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as { DatabaseName: string; TableName: string };
  const state = await context.catalog.snapshot();
  return {
    Table: tableView(requireTable(state, request.DatabaseName, request.TableName), context),
  };
}
