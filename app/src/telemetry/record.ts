/**
 * The telemetry record model. Requests arrive in the exact shape of a Timestream `WriteRecords`
 * record (`WireRecord`); validation turns each one into a `TelemetryRecord`, the canonical form that
 * every storage adapter accepts and returns.
 *
 * @example
 * const record: TelemetryRecord = {
 *   dimensions: [{ name: 'turbine_id', value: 'NL-0001' }],
 *   measureName: 'power',
 *   time: 1732579200000000000n,
 *   version: 1n,
 *   measure: { kind: 'single', type: 'DOUBLE', value: '1532.5' },
 * };
 */

/** Scalar types a single measure may have (TIMESTAMP is only allowed inside MULTI). */
export const SCALAR_TYPES = ['DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN'] as const;
/** Types a value inside `MeasureValues` of a MULTI record may have. */
export const MULTI_VALUE_TYPES = [...SCALAR_TYPES, 'TIMESTAMP'] as const;
export const MEASURE_VALUE_TYPES = [...SCALAR_TYPES, 'TIMESTAMP', 'MULTI'] as const;
export const TIME_UNITS = ['MILLISECONDS', 'SECONDS', 'MICROSECONDS', 'NANOSECONDS'] as const;

export type ScalarType = (typeof SCALAR_TYPES)[number];
export type MultiValueType = (typeof MULTI_VALUE_TYPES)[number];
export type MeasureValueType = (typeof MEASURE_VALUE_TYPES)[number];
export type TimeUnit = (typeof TIME_UNITS)[number];

/** A record as Timestream's API (and our ingestion API) receives it. */
export interface WireRecord {
  Dimensions?: { Name?: unknown; Value?: unknown; DimensionValueType?: unknown }[];
  MeasureName?: unknown;
  MeasureValue?: unknown;
  MeasureValueType?: unknown;
  MeasureValues?: { Name?: unknown; Value?: unknown; Type?: unknown }[];
  Time?: unknown;
  TimeUnit?: unknown;
  Version?: unknown;
}

export interface Dimension {
  name: string;
  value: string;
}

export interface MultiMeasureValue {
  name: string;
  type: MultiValueType;
  /** The value as sent, already checked to parse as `type`. */
  value: string;
}

export type Measure =
  | { kind: 'single'; type: ScalarType; value: string }
  | { kind: 'multi'; values: MultiMeasureValue[] };

export interface TelemetryRecord {
  /** Sorted by name, so equal dimension sets compare equal. */
  dimensions: Dimension[];
  measureName: string;
  /** Nanoseconds since the Unix epoch. */
  time: bigint;
  /** >= 1; Timestream's default is 1. */
  version: bigint;
  measure: Measure;
}

/** Identity of a record for upserts: same dimensions, measure name and time (Timestream's rule). */
export function recordKey(record: TelemetryRecord): string {
  return recordKeyOf(seriesKey(record), record.time);
}

/** `recordKey` from a series key already computed (a JSON array, so `@` cannot end it). */
export function recordKeyOf(series: string, time: bigint): string {
  return `${series}@${time}`;
}

/** Identity of the series a record belongs to: its dimensions and measure name. */
export function seriesKey(record: Pick<TelemetryRecord, 'dimensions' | 'measureName'>): string {
  return JSON.stringify([record.measureName, record.dimensions.map((d) => [d.name, d.value])]);
}
