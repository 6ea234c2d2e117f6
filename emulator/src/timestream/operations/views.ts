import { databaseArn, tableArn, type ArnScope } from '../catalog/arn.js';
import type { DatabaseEntry, TableEntry } from '../catalog/Catalog.js';

/**
 * Catalog entries as the API returns them (model shapes `Database` and `Table`). Times are epoch
 * seconds as JSON numbers, which is how AWS JSON 1.0 sends timestamps and how the JS SDK parses
 * them (`parseEpochTimestamp`, research §3.8).
 */
export function databaseView(db: DatabaseEntry, scope: ArnScope): Record<string, unknown> {
  return {
    Arn: databaseArn(scope, db.name),
    DatabaseName: db.name,
    TableCount: db.tables.size,
    KmsKeyId: db.kmsKeyId,
    CreationTime: epochSeconds(db.createdAt),
    LastUpdatedTime: epochSeconds(db.updatedAt),
  };
}

/** `TableStatus` is always ACTIVE: creation and deletion take no time here. */
export function tableView(table: TableEntry, scope: ArnScope): Record<string, unknown> {
  return {
    Arn: tableArn(scope, table.databaseName, table.name),
    TableName: table.name,
    DatabaseName: table.databaseName,
    TableStatus: 'ACTIVE',
    RetentionProperties: {
      MemoryStoreRetentionPeriodInHours: table.memoryStoreRetentionHours,
      MagneticStoreRetentionPeriodInDays: table.magneticStoreRetentionDays,
    },
    CreationTime: epochSeconds(table.createdAt),
    LastUpdatedTime: epochSeconds(table.updatedAt),
    MagneticStoreWriteProperties: table.magneticStoreWrites,
    Schema: table.schema,
  };
}

function epochSeconds(ms: number): number {
  return ms / 1000;
}
