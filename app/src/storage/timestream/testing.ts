import type { ColumnSchema, TableSchema } from './schema.js';

/**
 * What the SQL builders' unit tests share: a table, a one-hour range and the WHERE it becomes,
 * and a turbines table's columns as DESCRIBE would list them.
 */
export const table = { database: 'windtunnel', table: 'telemetry' };
export const T0 = 1_700_000_000_000_000_000n;
export const range = { from: T0, to: T0 + 3_600_000_000_000n };
export const WHERE =
  "WHERE time >= TIMESTAMP '2023-11-14 22:13:20.000000000' AND " +
  "time < TIMESTAMP '2023-11-14 23:13:20.000000000'";

/** A schema from [name, type, attribute] rows. */
const schemaOf = (columns: [string, string, string][]): TableSchema =>
  new Map(
    columns.map(([name, type, attribute]): [string, ColumnSchema] => [
      name,
      { name, type, attribute },
    ]),
  );

/** Two dimensions, DOUBLE, BIGINT and VARCHAR measures, in MULTI and single-measure form. */
export const turbinesSchema = schemaOf([
  ['turbine_id', 'varchar', 'DIMENSION'],
  ['project', 'varchar', 'DIMENSION'],
  ['measure_name', 'varchar', 'MEASURE_NAME'],
  ['time', 'timestamp', 'TIMESTAMP'],
  ['power_kw', 'double', 'MULTI'],
  ['rotor_rpm', 'bigint', 'MULTI'],
  ['status', 'varchar', 'MULTI'],
  ['measure_value::double', 'double', 'MEASURE_VALUE'],
  ['measure_value::bigint', 'bigint', 'MEASURE_VALUE'],
]);
