import type { Tag, TableEntry } from '../catalog/Catalog.js';
import { ConflictException } from '../protocol/errors.js';
import {
  createName,
  input,
  magneticStoreWriteProperties,
  retentionProperties,
  schema,
  tags,
} from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireDatabase } from './lookup.js';
import {
  applySettings,
  DEFAULT_RETENTION,
  defaultSchema,
  type TableSettingsInput,
} from './tableSettings.js';
import { tableView } from './views.js';

const shape = input(
  {
    DatabaseName: createName,
    TableName: createName,
    RetentionProperties: retentionProperties,
    Tags: tags,
    MagneticStoreWriteProperties: magneticStoreWriteProperties,
    Schema: schema,
  },
  ['DatabaseName', 'TableName'],
);

type Request = TableSettingsInput & { DatabaseName: string; TableName: string; Tags?: Tag[] };

/**
 * CreateTable: ACTIVE at once. A missing database is ResourceNotFoundException (the model lists
 * it for CreateTable); an existing table ConflictException (text NOT CONFIRMED, as for databases).
 */
export async function createTable(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as unknown as Request;
  const now = context.now();
  const table: TableEntry = {
    name: request.TableName,
    databaseName: request.DatabaseName,
    memoryStoreRetentionHours: DEFAULT_RETENTION.memoryHours,
    magneticStoreRetentionDays: DEFAULT_RETENTION.magneticDays,
    magneticStoreWrites: { EnableMagneticStoreWrites: false },
    schema: defaultSchema(),
    createdAt: now,
    updatedAt: now,
    tags: request.Tags ?? [],
  };
  applySettings(table, request);
  await context.catalog.transact((state) => {
    const database = requireDatabase(state, request.DatabaseName);
    if (database.tables.has(table.name)) {
      throw new ConflictException(`The table ${table.name} already exists.`);
    }
    database.tables.set(table.name, table);
  });
  return { Table: tableView(table, context) };
}
