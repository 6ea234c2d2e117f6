import { UnknownOperationException } from '../protocol/errors.js';
import type { Operation, OperationContext } from './context.js';
import { createDatabase } from './createDatabase.js';
import { createTable } from './createTable.js';
import { deleteDatabase } from './deleteDatabase.js';
import { deleteTable } from './deleteTable.js';
import { describeDatabase } from './describeDatabase.js';
import { describeEndpoints } from './describeEndpoints.js';
import { describeTable } from './describeTable.js';
import { listDatabases } from './listDatabases.js';
import { listTables } from './listTables.js';
import { listTagsForResource } from './listTagsForResource.js';
import { QUERY_OPERATIONS, runQueryOperation, type QueryEngineLoader } from './queryApi.js';
import { tagResource } from './tagResource.js';
import { untagResource } from './untagResource.js';
import { updateDatabase } from './updateDatabase.js';
import { updateTable } from './updateTable.js';
import { writeRecords } from './writeRecords.js';

export type { Operation, OperationContext } from './context.js';

/** The Write API operations this server implements, one file each, plus the shared ones. */
export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateDatabase: createDatabase,
  DescribeDatabase: describeDatabase,
  ListDatabases: listDatabases,
  UpdateDatabase: updateDatabase,
  DeleteDatabase: deleteDatabase,
  CreateTable: createTable,
  DescribeTable: describeTable,
  ListTables: listTables,
  UpdateTable: updateTable,
  DeleteTable: deleteTable,
  WriteRecords: writeRecords,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  DescribeEndpoints: describeEndpoints,
};

/**
 * Runs one operation by name. Write and shared operations run here; Query API operations go to
 * the query engine; anything else (the batch-load operations, a typo) is an explicit
 * UnknownOperationException naming it, never a silent 200.
 */
export function dispatch(
  operation: string,
  input: unknown,
  context: OperationContext,
  loadQueryEngine: QueryEngineLoader,
): Promise<unknown> {
  if (Object.hasOwn(OPERATIONS, operation)) return OPERATIONS[operation]!(input, context);
  if (QUERY_OPERATIONS.has(operation)) {
    return runQueryOperation(operation, input, context, loadQueryEngine);
  }
  return Promise.reject(
    new UnknownOperationException(
      `${operation} is not supported by windtunnel's Timestream emulator.`,
    ),
  );
}
