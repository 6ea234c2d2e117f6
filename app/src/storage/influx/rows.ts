import type {
  Dimension,
  MultiMeasureValue,
  ScalarType,
  TelemetryRecord,
} from '../../telemetry/record.js';
import type { Series } from './connection.js';
import {
  MEASURE_NAME_TAG,
  SINGLE_FIELD_PREFIX,
  TIMESTAMP_MEASURES_FIELD,
  VERSION_FIELD,
  type InfluxFieldType,
} from './mapping.js';
import { decodeName } from './names.js';
import type { MeasurementSchema } from './schema.js';
import { exactInteger, parseRfc3339Nano } from './values.js';

/**
 * Rows of `SELECT *, <integer field> % 1e9 AS "%low:<i>", ...` back into records (mapping.ts
 * describes the layout). `lowColumns` maps each `%low:` alias to its field key.
 */
export function recordsFromSeries(
  series: Series,
  schema: MeasurementSchema,
  lowColumns: ReadonlyMap<string, string>,
): { records: TelemetryRecord[]; unknownColumns: string[] } {
  const unknownColumns: string[] = [];
  const layout = series.columns.map((column, i): Column => {
    if (i === 0) return { kind: 'time' };
    const lowOf = lowColumns.get(column);
    if (lowOf !== undefined) return { kind: 'low', key: lowOf };
    if (schema.tags.has(column)) return { kind: 'tag', key: column };
    const types = schema.fields.get(column);
    if (types) return { kind: 'field', key: column, types };
    unknownColumns.push(column);
    return { kind: 'unknown' };
  });
  const records: TelemetryRecord[] = [];
  for (const row of series.values ?? []) {
    const record = toRecord(readRow(row, layout));
    if (record) records.push(record);
  }
  return { records, unknownColumns };
}

type Column =
  | { kind: 'time' | 'unknown' }
  | { kind: 'tag' | 'low'; key: string }
  | { kind: 'field'; key: string; types: InfluxFieldType[] };

interface Row {
  time: unknown;
  tags: Map<string, string>;
  fields: Map<string, { value: unknown; types: InfluxFieldType[] }>;
  lows: Map<string, number>;
}

function readRow(values: unknown[], layout: Column[]): Row {
  const row: Row = { time: values[0], tags: new Map(), fields: new Map(), lows: new Map() };
  layout.forEach((column, i) => {
    const value = values[i];
    if (value === null || value === undefined) return;
    if (column.kind === 'tag' && typeof value === 'string') row.tags.set(column.key, value);
    if (column.kind === 'field') row.fields.set(column.key, { value, types: column.types });
    if (column.kind === 'low' && typeof value === 'number') row.lows.set(column.key, value);
  });
  return row;
}

/** A point not written by this adapter may lack `measure_name` or measures: it is skipped. */
function toRecord(row: Row): TelemetryRecord | undefined {
  const measureName = row.tags.get(MEASURE_NAME_TAG);
  if (typeof row.time !== 'string' || measureName === undefined) return undefined;
  const dimensions: Dimension[] = [];
  for (const [key, value] of row.tags) {
    if (key !== MEASURE_NAME_TAG && value !== '') {
      dimensions.push({ name: decodeName(key), value: decodeName(value) });
    }
  }
  dimensions.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const version = row.fields.get(VERSION_FIELD)?.value;
  const measure = toMeasure(row);
  if (!measure) return undefined;
  return {
    dimensions,
    measureName: decodeName(measureName),
    time: parseRfc3339Nano(row.time),
    version: typeof version === 'number' ? exactInteger(version, row.lows.get(VERSION_FIELD)) : 1n,
    measure,
  };
}

const SINGLE_TYPES: Record<string, ScalarType> = {
  double: 'DOUBLE',
  bigint: 'BIGINT',
  varchar: 'VARCHAR',
  boolean: 'BOOLEAN',
};

function toMeasure(row: Row): TelemetryRecord['measure'] | undefined {
  const marker = row.fields.get(TIMESTAMP_MEASURES_FIELD)?.value;
  const measures = [...row.fields].filter(
    ([key]) => key !== VERSION_FIELD && key !== TIMESTAMP_MEASURES_FIELD,
  );
  const [only] = measures;
  if (marker === undefined && measures.length === 1 && only?.[0].startsWith(SINGLE_FIELD_PREFIX)) {
    const type = SINGLE_TYPES[only[0].slice(SINGLE_FIELD_PREFIX.length)];
    const low = row.lows.get(only[0]);
    if (type) return { kind: 'single', type, value: scalarText(type, only[1].value, low) };
  }
  if (measures.length === 0) return undefined;
  const timestamps = new Set(typeof marker === 'string' ? parseNames(marker) : []);
  const values = measures.map(([key, { value, types }]): MultiMeasureValue => {
    const name = decodeName(key);
    const type = multiType(value, types, timestamps.has(name));
    return { name, type, value: scalarText(type, value, row.lows.get(key)) };
  });
  values.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind: 'multi', values };
}

/** JSON numbers carry no float/integer distinction: the field's type from the schema decides. */
function multiType(
  value: unknown,
  types: InfluxFieldType[],
  isTimestamp: boolean,
): MultiMeasureValue['type'] {
  if (typeof value === 'string') return 'VARCHAR';
  if (typeof value === 'boolean') return 'BOOLEAN';
  const integer =
    types.includes('integer') && (!types.includes('float') || Number.isInteger(value));
  if (!integer) return 'DOUBLE';
  return isTimestamp ? 'TIMESTAMP' : 'BIGINT';
}

function scalarText(type: MultiMeasureValue['type'], value: unknown, low?: number): string {
  if ((type === 'BIGINT' || type === 'TIMESTAMP') && typeof value === 'number') {
    return exactInteger(value, low).toString();
  }
  return String(value);
}

function parseNames(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
}
