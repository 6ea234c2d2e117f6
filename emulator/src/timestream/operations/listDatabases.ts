import { input, maxResults, nextToken } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { paginate } from './paginate.js';
import { databaseView } from './views.js';

const shape = input({ NextToken: nextToken, MaxResults: maxResults });

/** ListDatabases: every database in name order, MaxResults (1..20) per page. */
export async function listDatabases(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as { NextToken?: string; MaxResults?: number };
  const state = await context.catalog.snapshot();
  const { page, nextToken: token } = paginate(state.databases.values(), (db) => db.name, request);
  return {
    Databases: page.map((db) => databaseView(db, context)),
    ...(token ? { NextToken: token } : {}),
  };
}
