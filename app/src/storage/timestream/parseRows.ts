import type { ColumnInfo, Datum, Row } from '@aws-sdk/client-timestream-query';
import {
  MULTI_VALUE_TYPES,
  SCALAR_TYPES,
  type Dimension,
  type MultiMeasureValue,
  type MultiValueType,
  type ScalarType,
  type TelemetryRecord,
} from '../../telemetry/record.js';
import { StorageError } from '../TelemetryStore.js';
import type { TableSchema } from './schema.js';
import { parseTimestamp } from './time.js';

/**
 * Turns `SELECT *` rows back into records. A row holds `time`, `measure_name`, one column per
 * dimension, one `measure_value::<type>` column per single-measure type and one column per
 * multi-measure attribute; cells a record does not have are `{"NullValue": true}`
 * (shared/research/timestream.md §5.2). Which column is which comes from the table's DESCRIBE.
 *
 * Differences from what was written, by design of Timestream's query output:
 * - `version` is always 1n: SELECT does not expose a record's version;
 * - multi-measure values come back sorted by name, whatever their order on write;
 * - TIMESTAMP values come back as ns since the epoch (see toWriteRecords.ts).
 */
type Role =
  | { kind: 'time' }
  | { kind: 'measureName' }
  | { kind: 'dimension' }
  | { kind: 'single'; type: ScalarType }
  | { kind: 'multi'; type: MultiValueType }
  | { kind: 'ignore' };

const SINGLE_PREFIX = 'measure_value::';

/** Columns whose role needs the schema but which it lacks (written after it was loaded). */
export function unknownColumns(columns: readonly ColumnInfo[], schema: TableSchema): string[] {
  return columns
    .map((c) => c.Name ?? '')
    .filter((name) => !isFixedColumn(name) && !schema.has(name));
}

function isFixedColumn(name: string): boolean {
  return name === 'time' || name === 'measure_name' || name.startsWith(SINGLE_PREFIX);
}

export function parseRows(
  columns: readonly ColumnInfo[],
  rows: readonly Row[],
  schema: TableSchema,
): TelemetryRecord[] {
  const roles = columns.map((column) => roleOf(column, schema));
  return rows.map((row) => parseRow(columns, roles, row));
}

function roleOf(column: ColumnInfo, schema: TableSchema): Role {
  const name = column.Name ?? '';
  if (name === 'time') return { kind: 'time' };
  if (name === 'measure_name') return { kind: 'measureName' };
  if (name.startsWith(SINGLE_PREFIX)) {
    return { kind: 'single', type: oneOf(SCALAR_TYPES, name.slice(SINGLE_PREFIX.length), name) };
  }
  const scalarType = column.Type?.ScalarType;
  const described = schema.get(name);
  // Unknown to DESCRIBE even after a refresh: guess as Timestream's own column rules suggest.
  const attribute = described?.attribute ?? (scalarType === 'VARCHAR' ? 'DIMENSION' : 'MULTI');
  if (attribute === 'DIMENSION') return { kind: 'dimension' };
  if (attribute === 'MULTI') {
    return { kind: 'multi', type: oneOf(MULTI_VALUE_TYPES, scalarType ?? described?.type, name) };
  }
  return { kind: 'ignore' };
}

function parseRow(
  columns: readonly ColumnInfo[],
  roles: readonly Role[],
  row: Row,
): TelemetryRecord {
  let time: bigint | undefined;
  let measureName: string | undefined;
  let single: { type: ScalarType; value: string } | undefined;
  const dimensions: Dimension[] = [];
  const multi: MultiMeasureValue[] = [];
  roles.forEach((role, i) => {
    const value = row.Data?.[i]?.ScalarValue;
    if (value === undefined || row.Data?.[i]?.NullValue) return;
    const name = columns[i]?.Name ?? '';
    if (role.kind === 'time') time = parseTimestamp(value);
    else if (role.kind === 'measureName') measureName = value;
    else if (role.kind === 'dimension') dimensions.push({ name, value });
    else if (role.kind === 'single')
      single ??= { type: role.type, value: canonical(role.type, value) };
    else if (role.kind === 'multi')
      multi.push({ name, type: role.type, value: canonical(role.type, value) });
  });
  if (time === undefined || measureName === undefined) {
    throw new StorageError('Timestream returned a row without time or measure_name');
  }
  return {
    dimensions: dimensions.sort(byName),
    measureName,
    time,
    version: 1n,
    measure: single ? { kind: 'single', ...single } : { kind: 'multi', values: multi.sort(byName) },
  };
}

/** Reads a row's cells in order: each call gives the next one's text (`cellText`). */
export function cellReader(row: Row): () => string | null {
  const cells = row.Data ?? [];
  let at = 0;
  return () => cellText(cells[at++]);
}

/** A cell's text as Timestream sent it, or null for `{"NullValue": true}` (or no cell). */
export function cellText(datum: Datum | undefined): string | null {
  if (!datum || datum.NullValue) return null;
  return datum.ScalarValue ?? null;
}

/** The canonical spelling of a value (see telemetry/parseValue.ts). */
function canonical(type: MultiValueType, value: string): string {
  if (type === 'TIMESTAMP') return parseTimestamp(value).toString();
  if (type === 'BOOLEAN') return value.toLowerCase();
  return value;
}

function oneOf<T extends string>(
  allowed: readonly T[],
  type: string | undefined,
  column: string,
): T {
  const upper = (type ?? '').toUpperCase();
  if ((allowed as readonly string[]).includes(upper)) return upper as T;
  throw new StorageError(`Timestream column '${column}' has unsupported type '${type}'`);
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
