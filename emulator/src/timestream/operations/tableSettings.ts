import type { TableEntry } from '../catalog/Catalog.js';
import { ValidationException } from '../protocol/errors.js';

/**
 * Table settings shared by CreateTable and UpdateTable: their defaults, and the one rule about
 * changing a schema.
 */

/** Defaults when CreateTable has no RetentionProperties: 6 h memory store, 73000 days magnetic
 * (moto commit f8febb0da "ensure test parity with AWS"; ts-limits.html). */
export const DEFAULT_RETENTION = { memoryHours: 6, magneticDays: 73_000 } as const;

/**
 * The schema DescribeTable shows for a table created without one: partitioned by measure name.
 * The empty `Name` and `EnforcementInRecord` are moto's default (moto/timestreamwrite/models.py),
 * whose table tests are AWS-verified; that AWS sends exactly these is NOT CONFIRMED.
 */
export function defaultSchema(): TableEntry['schema'] {
  return { CompositePartitionKey: [{ Type: 'MEASURE', Name: '', EnforcementInRecord: '' }] };
}

export interface TableSettingsInput {
  RetentionProperties?: {
    MemoryStoreRetentionPeriodInHours: number;
    MagneticStoreRetentionPeriodInDays: number;
  };
  MagneticStoreWriteProperties?: TableEntry['magneticStoreWrites'];
  Schema?: { CompositePartitionKey?: Record<string, unknown>[] };
}

/** Applies the given settings to a table entry (in place). */
export function applySettings(table: TableEntry, request: TableSettingsInput): void {
  if (request.RetentionProperties) {
    table.memoryStoreRetentionHours = request.RetentionProperties.MemoryStoreRetentionPeriodInHours;
    table.magneticStoreRetentionDays =
      request.RetentionProperties.MagneticStoreRetentionPeriodInDays;
  }
  if (request.MagneticStoreWriteProperties) {
    table.magneticStoreWrites = request.MagneticStoreWriteProperties;
  }
  if (request.Schema?.CompositePartitionKey) {
    table.schema = { CompositePartitionKey: request.Schema.CompositePartitionKey };
  }
}

/**
 * "The name and type of each partition key as well as the partition key order cannot be changed
 * after the table is created. However, the enforcement level of each partition key can be
 * changed." (model, `Schema.CompositePartitionKey`). The error text is NOT CONFIRMED.
 */
export function checkSchemaChange(table: TableEntry, request: TableSettingsInput): void {
  const next = request.Schema?.CompositePartitionKey;
  if (!next) return;
  const shape = (keys: Record<string, unknown>[]) =>
    JSON.stringify(keys.map((k) => [k.Type, k.Name ?? '']));
  if (shape(next) !== shape(table.schema.CompositePartitionKey)) {
    throw new ValidationException(
      'The name, type and order of partition keys cannot be changed after the table is created; ' +
        'only EnforcementInRecord can.',
    );
  }
}
