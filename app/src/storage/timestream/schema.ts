import type { ColumnInfo, Row } from '@aws-sdk/client-timestream-query';
import type { TableRef } from '../TelemetryStore.js';

/**
 * A table's columns as `DESCRIBE "db"."table"` lists them: one row per column with `Column`,
 * `Type` (lower case: varchar, double, ...) and `Timestream attribute type` (DIMENSION,
 * MEASURE_NAME, TIMESTAMP, MEASURE_VALUE for `measure_value::<type>`, MULTI for a multi-measure
 * attribute). Sources: awslabs/amazon-timestream-tools tools/perf-scale-workload/README.md (DESCRIBE
 * output for single- and multi-measure tables) and its LiveAnalytics migration transform script,
 * which reads the three values in that order.
 *
 * `SELECT *` alone cannot tell a dimension from a VARCHAR multi-measure attribute (both come back
 * as VARCHAR columns), hence this lookup.
 */
export interface ColumnSchema {
  name: string;
  /** Lower case, as DESCRIBE prints it. */
  type: string;
  /** Upper case: DIMENSION, MEASURE_NAME, TIMESTAMP, MEASURE_VALUE or MULTI. */
  attribute: string;
}

export type TableSchema = ReadonlyMap<string, ColumnSchema>;

const HEADINGS = ['Column', 'Type', 'Timestream attribute type'] as const;

export function parseDescribe(columns: readonly ColumnInfo[], rows: readonly Row[]): TableSchema {
  // Find the three columns by name; fall back to their documented order.
  const positions = HEADINGS.map((heading, fallback) => {
    const found = columns.findIndex((c) => c.Name === heading);
    return found === -1 ? fallback : found;
  });
  const schema = new Map<string, ColumnSchema>();
  for (const row of rows) {
    const [name, type, attribute] = positions.map((p) => row.Data?.[p]?.ScalarValue);
    if (name === undefined) continue;
    schema.set(name, {
      name,
      type: (type ?? '').toLowerCase(),
      attribute: (attribute ?? '').toUpperCase(),
    });
  }
  return schema;
}

/**
 * One schema per table, loaded on first use. Timestream adds columns as new dimensions and
 * measures are written, so callers `refresh` when they meet a column the cached schema lacks.
 */
export class SchemaCache {
  private readonly entries = new Map<string, Promise<TableSchema>>();

  constructor(private readonly load: (table: TableRef) => Promise<TableSchema>) {}

  /** Whether a schema is loaded (or loading): a `get` now would not run a new DESCRIBE. */
  has(table: TableRef): boolean {
    return this.entries.has(JSON.stringify([table.database, table.table]));
  }

  get(table: TableRef): Promise<TableSchema> {
    const key = JSON.stringify([table.database, table.table]);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.load(table);
      this.entries.set(key, entry);
      // A failed load is not cached: the next call tries again.
      const loading = entry;
      loading.catch(() => {
        if (this.entries.get(key) === loading) this.entries.delete(key);
      });
    }
    return entry;
  }

  refresh(table: TableRef): Promise<TableSchema> {
    this.entries.delete(JSON.stringify([table.database, table.table]));
    return this.get(table);
  }
}
