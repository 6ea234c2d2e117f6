import {
  input,
  magneticStoreWriteProperties,
  resourceName,
  retentionProperties,
  schema,
} from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireTable } from './lookup.js';
import { applySettings, checkSchemaChange, type TableSettingsInput } from './tableSettings.js';
import { tableView } from './views.js';

const shape = input(
  {
    DatabaseName: resourceName,
    TableName: resourceName,
    RetentionProperties: retentionProperties,
    MagneticStoreWriteProperties: magneticStoreWriteProperties,
    Schema: schema,
  },
  ['DatabaseName', 'TableName'],
);

/**
 * UpdateTable: new retention, magnetic-store writes or partition-key enforcement. A shorter
 * retention takes effect at once, for writes and for queries. AWS warns that after a change of
 * the retention window, ingesting "within the new window" may be rejected for a while (model,
 * RejectedRecord); the emulator applies the new window immediately.
 */
export async function updateTable(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as unknown as TableSettingsInput & {
    DatabaseName: string;
    TableName: string;
  };
  const now = context.now();
  const updated = await context.catalog.transact((state) => {
    const table = requireTable(state, request.DatabaseName, request.TableName);
    checkSchemaChange(table, request);
    applySettings(table, request);
    table.updatedAt = now;
    return table;
  });
  return { Table: tableView(updated, context) };
}
