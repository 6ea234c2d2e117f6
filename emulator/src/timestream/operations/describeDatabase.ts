import { input, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireDatabase } from './lookup.js';
import { databaseView } from './views.js';

const shape = input({ DatabaseName: resourceName }, ['DatabaseName']);

/** DescribeDatabase: the database with its TableCount. */
export async function describeDatabase(raw: unknown, context: OperationContext): Promise<unknown> {
  const { DatabaseName } = conform(shape, raw) as { DatabaseName: string };
  const state = await context.catalog.snapshot();
  return { Database: databaseView(requireDatabase(state, DatabaseName), context) };
}
