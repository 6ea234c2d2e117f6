/**
 * How a `TelemetryRecord` is stored in InfluxDB 1.x: the project's one description of it.
 *
 * | Timestream / TelemetryRecord | InfluxDB                                                      |
 * |------------------------------|---------------------------------------------------------------|
 * | `TableRef.database`          | database (created on first write; `CREATE DATABASE` is idempotent) |
 * | `TableRef.table`             | measurement                                                   |
 * | dimension `name = value`     | tag `name = value`                                            |
 * | `measureName`                | tag `measure_name`                                            |
 * | single measure of type T     | field `measure_value::<t>` (t = T lower-case, as Timestream names its columns) |
 * | MULTI measure `Name`         | field `Name`, one per measure                                 |
 * | MULTI record                 | string field `_timestamp_measures`: JSON array of its TIMESTAMP measure names (`[]` if none); also marks the point as MULTI |
 * | `version`                    | integer field `_version`                                      |
 * | `time` (ns)                  | the point's timestamp, written with precision `n`             |
 *
 * Value types: DOUBLE -> float, BIGINT -> integer, VARCHAR -> string, BOOLEAN -> boolean,
 * TIMESTAMP -> integer (ns since the epoch).
 *
 * Tag keys, tag values, field keys and the measurement are stored through `encodeName`
 * (names.ts): `%`, `\`, LF and CR are percent-encoded, since line protocol cannot carry them.
 * String field values are stored exactly (line protocol escapes `"` and `\` inside them).
 *
 * Reading back (rows.ts): tags except `measure_name` are the dimensions (a tag that is empty for a
 * point is not one of its dimensions); a point with `_timestamp_measures` is MULTI, otherwise its
 * single `measure_value::<t>` field is the measure. Float vs integer comes from
 * `SHOW FIELD KEYS`, so a DOUBLE written as `1.0` reads back as DOUBLE `1`. InfluxDB's JSON
 * carries integers as JSON numbers, which lose precision beyond 2^53; queries also select
 * `field % 1e9` for every integer field so the exact value can be rebuilt (values.ts).
 * Timestamps are read as RFC3339 strings, which InfluxDB writes with all nine fraction digits.
 *
 * Identity: a Timestream record (dimensions + measure name + time) is one InfluxDB point
 * (measurement + tag set + timestamp). InfluxDB merges a re-written point field by field, so the
 * adapter checks the upsert rules first and deletes a point before replacing it with one that
 * lacks some of its fields (InfluxTelemetryStore.ts).
 */
import type { MultiValueType, TelemetryRecord } from '../../telemetry/record.js';
import { encodeName } from './names.js';

export const MEASURE_NAME_TAG = 'measure_name';
export const VERSION_FIELD = '_version';
export const TIMESTAMP_MEASURES_FIELD = '_timestamp_measures';
export const SINGLE_FIELD_PREFIX = 'measure_value::';

export type InfluxFieldType = 'float' | 'integer' | 'string' | 'boolean';

const INFLUX_TYPE: Record<MultiValueType, InfluxFieldType> = {
  DOUBLE: 'float',
  BIGINT: 'integer',
  VARCHAR: 'string',
  BOOLEAN: 'boolean',
  TIMESTAMP: 'integer',
};

/** One field of a point: its key as stored, its InfluxDB type and its line protocol text. */
export interface PointField {
  key: string;
  type: InfluxFieldType;
  literal: string;
}

/** The `_timestamp_measures` field of a MULTI record without TIMESTAMP measures, the usual case. */
const NO_TIMESTAMP_MEASURES: PointField = Object.freeze({
  key: TIMESTAMP_MEASURES_FIELD,
  type: 'string',
  literal: '"[]"',
});

/** The fields a record is stored as, `_version` and `_timestamp_measures` included. */
export function pointFields(record: TelemetryRecord): PointField[] {
  const fields: PointField[] = [];
  const { measure } = record;
  if (measure.kind === 'single') {
    const key = `${SINGLE_FIELD_PREFIX}${measure.type.toLowerCase()}`;
    fields.push(field(key, measure.type, measure.value));
  } else {
    for (const v of measure.values) fields.push(field(encodeName(v.name), v.type, v.value));
    const timestamps = measure.values.filter((v) => v.type === 'TIMESTAMP').map((v) => v.name);
    fields.push(
      timestamps.length === 0
        ? NO_TIMESTAMP_MEASURES
        : field(TIMESTAMP_MEASURES_FIELD, 'VARCHAR', JSON.stringify(timestamps)),
    );
  }
  // The version is a bigint already: no need to parse its text again.
  fields.push({ key: VERSION_FIELD, type: 'integer', literal: `${record.version}i` });
  return fields;
}

/** The record's tags as stored: encoded dimensions plus `measure_name`. */
export function pointTags(record: TelemetryRecord): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const d of record.dimensions) tags[encodeName(d.name)] = encodeName(d.value);
  tags[MEASURE_NAME_TAG] = encodeName(record.measureName);
  return tags;
}

/**
 * The record as one line of line protocol for `table` (the table name as given; it is encoded
 * here): measurement, tags sorted by key, fields, timestamp in ns. Line protocol escaping is a
 * backslash before a comma or space in the measurement, and before a comma, `=` or space in tag
 * keys, tag values and field keys; encodeName has already removed the characters escaping
 * cannot carry (backslash, newline, carriage return).
 */
export function toLine(
  record: TelemetryRecord,
  table: string,
  fields: readonly PointField[] = pointFields(record),
  tags: Readonly<Record<string, string>> = pointTags(record),
): string {
  let line = measurementOf(table);
  const sorted = Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, value] of sorted) line += `,${escapeKey(key)}=${escapeKey(value)}`;
  line += ' ';
  fields.forEach((f, i) => {
    line += `${i === 0 ? '' : ','}${escapeKey(f.key)}=${f.literal}`;
  });
  return `${line} ${record.time}`;
}

/** The table as a line-protocol measurement; the last one is kept, since a batch has one table. */
let lastMeasurement = { table: '', line: '' };
function measurementOf(table: string): string {
  if (lastMeasurement.table !== table || table === '') {
    lastMeasurement = { table, line: encodeName(table).replace(/[, ]/g, '\\$&') };
  }
  return lastMeasurement.line;
}

const escapeKey = (text: string): string =>
  /[, =]/.test(text) ? text.replace(/[, =]/g, '\\$&') : text;

function field(key: string, type: MultiValueType, value: string): PointField {
  const influxType = INFLUX_TYPE[type];
  return { key, type: influxType, literal: literal(influxType, value) };
}

/** A decimal that line protocol takes as it is (negative zero aside, see `literal`). */
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d{0,19})(?:\.\d{1,20})?$/;
const NEGATIVE_ZERO = /^-0(?:\.0*)?$/;

/** Values arrive validated (telemetry/parseValue.ts), so each has one valid spelling here. */
function literal(type: InfluxFieldType, value: string): string {
  switch (type) {
    case 'float':
      // A plain decimal goes as sent: InfluxDB parses it to the same double as Number() would.
      // Anything else ("+1", ".5", "1.", "1E5", "-0") gets JavaScript's shortest round-trip
      // spelling (e.g. "1e+21"), which line protocol accepts.
      return PLAIN_DECIMAL.test(value) && !NEGATIVE_ZERO.test(value)
        ? value
        : String(Number(value));
    case 'integer':
      return `${BigInt(value)}i`;
    case 'boolean':
      return value.toLowerCase() === 'true' ? 'true' : 'false';
    case 'string':
      return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  }
}
