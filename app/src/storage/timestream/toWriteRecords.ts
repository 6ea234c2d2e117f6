import type { _Record } from '@aws-sdk/client-timestream-write';
import type { TelemetryRecord } from '../../telemetry/record.js';
import type { RecordRejection } from '../TelemetryStore.js';

/** A record ready for WriteRecords, with its index in the caller's array. */
export interface PreparedRecord {
  index: number;
  record: _Record;
}

/**
 * Maps a canonical record to Timestream's wire `Record`.
 *
 * - Time: always `TimeUnit: NANOSECONDS` with the bigint as a decimal string, so every time is sent
 *   exactly and one unit covers every record. It also fixes the unit of TIMESTAMP values inside
 *   MULTI records, which Timestream reads in the record's TimeUnit (boto/boto3#3138): canonical
 *   TIMESTAMP values are therefore taken as ns since the epoch, like `time`.
 * - Version: the SDK models it as a long, i.e. a JS number; `prepareRecords` rejects versions
 *   above Number.MAX_SAFE_INTEGER before they could be rounded.
 * - Dimensions: `DimensionValueType` is left out; VARCHAR is its only value and the default.
 */
export function toWriteRecord(record: TelemetryRecord): _Record {
  const base: _Record = {
    Dimensions: record.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
    MeasureName: record.measureName,
    Time: record.time.toString(),
    TimeUnit: 'NANOSECONDS',
    Version: Number(record.version),
  };
  const { measure } = record;
  if (measure.kind === 'single') {
    return { ...base, MeasureValue: measure.value, MeasureValueType: measure.type };
  }
  return {
    ...base,
    MeasureValueType: 'MULTI',
    MeasureValues: measure.values.map((v) => ({ Name: v.name, Value: v.value, Type: v.type })),
  };
}

const MAX_VERSION = BigInt(Number.MAX_SAFE_INTEGER);

/** Maps every record, rejecting up front the ones the SDK could not carry exactly. */
export function prepareRecords(records: readonly TelemetryRecord[]): {
  prepared: PreparedRecord[];
  rejected: RecordRejection[];
} {
  const prepared: PreparedRecord[] = [];
  const rejected: RecordRejection[] = [];
  records.forEach((record, index) => {
    if (record.version > MAX_VERSION) {
      rejected.push({
        index,
        code: 'InvalidRecord',
        reason:
          `Version ${record.version} exceeds ${Number.MAX_SAFE_INTEGER}, the largest version ` +
          'the AWS SDK for JavaScript can send without rounding it.',
      });
      return;
    }
    prepared.push({ index, record: toWriteRecord(record) });
  });
  return { prepared, rejected };
}
