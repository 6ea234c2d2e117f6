import { input, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireTable } from './lookup.js';

const shape = input({ DatabaseName: resourceName, TableName: resourceName }, [
  'DatabaseName',
  'TableName',
]);

/**
 * DeleteTable: the table leaves the catalog, so WriteRecords, Query, SHOW TABLES and DESCRIBE no
 * longer reach its records. The records themselves stay in the storage backend (InfluxDB or
 * memory): the storage port has no delete, and we do not widen it for this. A table created
 * again under the same name therefore sees the old records again (a known difference from AWS,
 * where "the time-series data stored in the table cannot be recovered").
 */
export async function deleteTable(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as { DatabaseName: string; TableName: string };
  await context.catalog.transact((state) => {
    requireTable(state, request.DatabaseName, request.TableName);
    state.databases.get(request.DatabaseName)?.tables.delete(request.TableName);
  });
  return {};
}
