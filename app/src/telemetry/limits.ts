/**
 * Timestream's write limits, in one place (sources: WriteRecords API model in botocore
 * `timestream-write/2018-11-01`, and the quotas page ts-limits.html; see
 * shared/research/timestream.md §3.1 and §3.4).
 */
export const LIMITS = {
  /** "Dimensions per table: 128"; the model caps `Dimensions` at 128 per record too. */
  maxDimensions: 128,
  /** "Dimension name length: 60 bytes". */
  maxDimensionNameBytes: 60,
  /** Model: Dimension Value 1..2048. */
  maxDimensionValueChars: 2048,
  /** "Dimension name dimension value pair size per series: 2 KB". */
  maxDimensionPairBytes: 2048,
  /** "Measure name length: 256 bytes". */
  maxMeasureNameBytes: 256,
  /** Model: `MeasureValue` and `MeasureValues[].Value` are StringValue2048. */
  maxMeasureValueChars: 2048,
  /** "Maximum number of measures per multi-measure record: 256". */
  maxMeasuresPerRecord: 256,
  /** "Future ingestion period in minutes: 15". */
  maxFutureNs: 15n * 60n * 1_000_000_000n,
  /** BIGINT is a signed 64-bit integer. */
  minBigint: -(2n ** 63n),
  maxBigint: 2n ** 63n - 1n,
} as const;

/**
 * Column names Timestream reserves ("time", "measure_name", "measure_value", and the
 * `measure_value::` / `ts_` prefixes), plus the two field names the InfluxDB mapping keeps for
 * itself (see app/src/storage/influx/mapping.ts).
 */
export const RESERVED_NAMES = new Set([
  'time',
  'measure_name',
  'measure_value',
  '_version',
  '_timestamp_measures',
]);
export const RESERVED_PREFIXES = ['measure_value::', 'ts_'];
