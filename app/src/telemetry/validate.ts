import { LIMITS, RESERVED_NAMES, RESERVED_PREFIXES } from './limits.js';
import { clip, parseMeasureValue, utf8Bytes } from './parseValue.js';
import {
  MEASURE_VALUE_TYPES,
  MULTI_VALUE_TYPES,
  TIME_UNITS,
  type Dimension,
  type Measure,
  type MeasureValueType,
  type MultiMeasureValue,
  type MultiValueType,
  type TelemetryRecord,
  type TimeUnit,
  type WireRecord,
} from './record.js';

/** One reason a record was refused: which field, and why. */
export interface FieldError {
  field: string;
  reason: string;
}

export type Validated = { ok: true; record: TelemetryRecord } | { ok: false; error: FieldError };

const RECORD_KEYS = new Set([
  'Dimensions',
  'MeasureName',
  'MeasureValue',
  'MeasureValueType',
  'MeasureValues',
  'Time',
  'TimeUnit',
  'Version',
]);

const NS_PER_UNIT: Record<TimeUnit, bigint> = {
  NANOSECONDS: 1n,
  MICROSECONDS: 1_000n,
  MILLISECONDS: 1_000_000n,
  SECONDS: 1_000_000_000n,
};

class Invalid extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/**
 * Applies Timestream's WriteRecords rules to one record merged with the request's
 * CommonAttributes: the one place in windtunnel that knows them (shared/research/timestream.md §3).
 * Returns the canonical record, or the first problem found, naming the field.
 *
 * Merge rule: dimensions are the union and may not overlap (documented); for the other attributes
 * the record's own value wins over the common one (undocumented; gopherstack does the same).
 */
export function validateRecord(
  raw: unknown,
  common: WireRecord | undefined,
  nowNs: bigint,
): Validated {
  try {
    return { ok: true, record: toRecord(raw, common, nowNs) };
  } catch (err) {
    if (err instanceof Invalid)
      return { ok: false, error: { field: err.field, reason: err.reason } };
    throw err;
  }
}

/** Checks CommonAttributes on their own (shape only; they are completed by each record). */
export function checkCommonAttributes(raw: unknown): FieldError | undefined {
  try {
    asWireRecord(raw, 'CommonAttributes.');
    return undefined;
  } catch (err) {
    if (err instanceof Invalid) return { field: err.field, reason: err.reason };
    throw err;
  }
}

function toRecord(raw: unknown, common: WireRecord | undefined, nowNs: bigint): TelemetryRecord {
  const own = asWireRecord(raw, '');
  const pick = <K extends keyof WireRecord>(key: K): WireRecord[K] =>
    own[key] !== undefined ? own[key] : common?.[key];
  const unit = timeUnit(pick('TimeUnit'));
  const dimensions = mergeDimensions(common?.Dimensions, own.Dimensions);
  const measureName = name(pick('MeasureName'), 'MeasureName', LIMITS.maxMeasureNameBytes);
  const measure = toMeasure(own, common, unit);
  if (measure.kind === 'multi') {
    const clash = measure.values.find((v) => dimensions.some((d) => d.name === v.name));
    if (clash) throw new Invalid('MeasureValues', `'${clash.name}' is also a dimension name`);
  }
  return {
    dimensions,
    measureName,
    time: time(pick('Time'), unit, nowNs),
    version: version(pick('Version')),
    measure,
  };
}

function asWireRecord(raw: unknown, prefix: string): WireRecord {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Invalid(prefix ? prefix.slice(0, -1) : 'record', 'must be a JSON object');
  }
  for (const key of Object.keys(raw)) {
    if (!RECORD_KEYS.has(key)) {
      throw new Invalid(
        `${prefix}${key}`,
        `unknown attribute (expected one of ${[...RECORD_KEYS].join(', ')})`,
      );
    }
  }
  return raw as WireRecord;
}

function mergeDimensions(common: unknown, own: unknown): Dimension[] {
  const merged = [
    ...dimensionList(common, 'CommonAttributes.Dimensions'),
    ...dimensionList(own, 'Dimensions'),
  ];
  if (merged.length === 0) throw new Invalid('Dimensions', 'at least 1 dimension is required');
  if (merged.length > LIMITS.maxDimensions) {
    throw new Invalid(
      'Dimensions',
      `${merged.length} dimensions; at most ${LIMITS.maxDimensions} are allowed`,
    );
  }
  const seen = new Set<string>();
  for (const d of merged) {
    if (seen.has(d.name)) {
      throw new Invalid(
        'Dimensions',
        `dimension '${clip(d.name)}' appears more than once (dimensions may not overlap, including with CommonAttributes)`,
      );
    }
    seen.add(d.name);
  }
  return merged.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function dimensionList(raw: unknown, field: string): Dimension[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Invalid(field, 'must be an array of {Name, Value}');
  return raw.map((d: unknown, i) => {
    const at = `${field}[${i}]`;
    if (typeof d !== 'object' || d === null || Array.isArray(d))
      throw new Invalid(at, 'must be an object {Name, Value}');
    const { Name, Value, DimensionValueType, ...rest } = d as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined)
      throw new Invalid(
        `${at}.${extra}`,
        'unknown attribute (expected Name, Value, DimensionValueType)',
      );
    if (DimensionValueType !== undefined && DimensionValueType !== 'VARCHAR') {
      throw new Invalid(`${at}.DimensionValueType`, 'must be VARCHAR');
    }
    const dimName = name(Name, `${at}.Name`, LIMITS.maxDimensionNameBytes);
    const value = text(Value, `${at}.Value`, LIMITS.maxDimensionValueChars);
    if (utf8Bytes(dimName) + utf8Bytes(value) > LIMITS.maxDimensionPairBytes) {
      throw new Invalid(at, `name and value together exceed ${LIMITS.maxDimensionPairBytes} bytes`);
    }
    return { name: dimName, value };
  });
}

function toMeasure(own: WireRecord, common: WireRecord | undefined, unit: TimeUnit): Measure {
  const pick = <K extends keyof WireRecord>(key: K): WireRecord[K] =>
    own[key] !== undefined ? own[key] : common?.[key];
  const type = measureType(pick('MeasureValueType'));
  const value = pick('MeasureValue');
  const values = pick('MeasureValues');
  if (type !== 'MULTI') {
    if (values !== undefined)
      throw new Invalid('MeasureValues', 'is only allowed when MeasureValueType is MULTI');
    if (type === 'TIMESTAMP') {
      // boto/boto3#3138: "TIMESTAMP is an invalid measure value type" outside MULTI.
      throw new Invalid(
        'MeasureValueType',
        'TIMESTAMP is only allowed inside MeasureValues of a MULTI record',
      );
    }
    const parsed = parseMeasureValue(
      type,
      text(value, 'MeasureValue', LIMITS.maxMeasureValueChars),
    );
    if (!parsed.ok) throw new Invalid('MeasureValue', parsed.reason);
    return { kind: 'single', type, value: parsed.value };
  }
  if (value !== undefined)
    throw new Invalid(
      'MeasureValue',
      'must be absent when MeasureValueType is MULTI (use MeasureValues)',
    );
  return { kind: 'multi', values: multiValues(values, unit) };
}

function multiValues(raw: unknown, unit: TimeUnit): MultiMeasureValue[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new Invalid(
      'MeasureValues',
      'a MULTI record needs a non-empty array of {Name, Value, Type}',
    );
  }
  if (raw.length > LIMITS.maxMeasuresPerRecord) {
    throw new Invalid(
      'MeasureValues',
      `${raw.length} measures; at most ${LIMITS.maxMeasuresPerRecord} are allowed`,
    );
  }
  const names = new Set<string>();
  return raw.map((m: unknown, i) => {
    const at = `MeasureValues[${i}]`;
    if (typeof m !== 'object' || m === null || Array.isArray(m))
      throw new Invalid(at, 'must be an object {Name, Value, Type}');
    const { Name, Value, Type, ...rest } = m as Record<string, unknown>;
    const extra = Object.keys(rest)[0];
    if (extra !== undefined)
      throw new Invalid(`${at}.${extra}`, 'unknown attribute (expected Name, Value, Type)');
    const measureName = name(Name, `${at}.Name`, LIMITS.maxMeasureNameBytes);
    if (names.has(measureName))
      throw new Invalid(`${at}.Name`, `'${clip(measureName)}' appears more than once`);
    names.add(measureName);
    if (typeof Type !== 'string' || !(MULTI_VALUE_TYPES as readonly string[]).includes(Type)) {
      throw new Invalid(`${at}.Type`, `must be one of ${MULTI_VALUE_TYPES.join(', ')}`);
    }
    const type = Type as MultiValueType;
    const parsed = parseMeasureValue(type, text(Value, `${at}.Value`, LIMITS.maxMeasureValueChars));
    if (!parsed.ok) throw new Invalid(`${at}.Value`, parsed.reason);
    // A TIMESTAMP measure is read in the record's TimeUnit (boto/boto3#3138); keep it in ns.
    const canonical =
      type === 'TIMESTAMP' ? (BigInt(parsed.value) * NS_PER_UNIT[unit]).toString() : parsed.value;
    return { name: measureName, type, value: canonical };
  });
}

function measureType(raw: unknown): Exclude<MeasureValueType, never> {
  if (raw === undefined) return 'DOUBLE'; // Timestream's default
  if (typeof raw !== 'string' || !(MEASURE_VALUE_TYPES as readonly string[]).includes(raw)) {
    throw new Invalid('MeasureValueType', `must be one of ${MEASURE_VALUE_TYPES.join(', ')}`);
  }
  return raw as MeasureValueType;
}

function timeUnit(raw: unknown): TimeUnit {
  if (raw === undefined) return 'MILLISECONDS'; // Timestream's default
  if (typeof raw !== 'string' || !(TIME_UNITS as readonly string[]).includes(raw)) {
    throw new Invalid('TimeUnit', `must be one of ${TIME_UNITS.join(', ')}`);
  }
  return raw as TimeUnit;
}

function time(raw: unknown, unit: TimeUnit, nowNs: bigint): bigint {
  const digits = integerText(raw, 'Time');
  if (digits === undefined) throw new Invalid('Time', 'is required');
  if (digits.startsWith('-')) throw new Invalid('Time', 'cannot be negative');
  const ns = BigInt(digits) * NS_PER_UNIT[unit];
  if (ns > nowNs + LIMITS.maxFutureNs) {
    throw new Invalid(
      'Time',
      `is more than 15 minutes in the future (${unit} since the Unix epoch expected)`,
    );
  }
  return ns;
}

function version(raw: unknown): bigint {
  const digits = integerText(raw, 'Version');
  if (digits === undefined) return 1n; // Timestream's default
  const v = BigInt(digits);
  if (v < 1n || v > LIMITS.maxBigint)
    throw new Invalid('Version', 'must be an integer from 1 to 2^63-1');
  return v;
}

/** Time and Version: a string of digits (as Timestream takes them) or a safe JSON integer. */
function integerText(raw: unknown, field: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return String(raw);
  if (typeof raw === 'string' && /^-?\d{1,19}$/.test(raw)) return raw;
  throw new Invalid(field, 'must be an integer, as a string of digits');
}

function name(raw: unknown, field: string, maxBytes: number): string {
  if (typeof raw !== 'string' || raw.length === 0)
    throw new Invalid(field, 'must be a non-empty string');
  if (utf8Bytes(raw) > maxBytes) throw new Invalid(field, `is longer than ${maxBytes} bytes`);
  if (RESERVED_NAMES.has(raw) || RESERVED_PREFIXES.some((p) => raw.startsWith(p))) {
    throw new Invalid(field, `'${clip(raw)}' is a reserved name`);
  }
  return raw;
}

function text(raw: unknown, field: string, maxChars: number): string {
  if (raw === undefined) throw new Invalid(field, 'is required');
  if (typeof raw !== 'string')
    throw new Invalid(field, 'must be a string (Timestream takes every value as a string)');
  if (raw.length === 0) throw new Invalid(field, 'must not be empty');
  if (raw.length > maxChars) throw new Invalid(field, `is longer than ${maxChars} characters`);
  return raw;
}
