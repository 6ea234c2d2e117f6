import type { TableEntry } from '../catalog/Catalog.js';
import { input, maxResults, nextToken, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireDatabase } from './lookup.js';
import { paginate } from './paginate.js';
import { tableView } from './views.js';

const shape = input({ DatabaseName: resourceName, NextToken: nextToken, MaxResults: maxResults });

/**
 * ListTables. DatabaseName is optional in the model: without it, the tables of every database
 * (ordered by database, then table).
 */
export async function listTables(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as {
    DatabaseName?: string;
    NextToken?: string;
    MaxResults?: number;
  };
  const state = await context.catalog.snapshot();
  const tables: TableEntry[] =
    request.DatabaseName === undefined
      ? [...state.databases.values()].flatMap((db) => [...db.tables.values()])
      : [...requireDatabase(state, request.DatabaseName).tables.values()];
  const { page, nextToken: token } = paginate(
    tables,
    (t) => JSON.stringify([t.databaseName, t.name]),
    request,
  );
  return {
    Tables: page.map((t) => tableView(t, context)),
    ...(token ? { NextToken: token } : {}),
  };
}
