import { recordKey, recordKeyOf, type TelemetryRecord } from '../../telemetry/record.js';
import type { RecordRejection } from '../TelemetryStore.js';
import { decideUpsert } from '../upsert.js';
import { MAX_TIME_NS, MIN_TIME_NS } from './influxql.js';
import {
  MEASURE_NAME_TAG,
  pointFields,
  pointTags,
  TIMESTAMP_MEASURES_FIELD,
  VERSION_FIELD,
  type InfluxFieldType,
  type PointField,
} from './mapping.js';
import { decodeName } from './names.js';
import type { MeasurementSchema } from './schema.js';

/** One point to write: the last accepted record for its identity in the batch. */
export interface PlannedWrite {
  record: TelemetryRecord;
  fields: PointField[];
  /** Its tags as stored (`pointTags`); computed when absent. */
  tags?: Record<string, string>;
  /** The stored record it replaces: deleted first when it has fields this point lacks. */
  replaces?: TelemetryRecord;
  /** Every index in the batch that is stored once this point is written. */
  indexes: number[];
}

export interface WritePlan {
  /** Accepted without writing (an identical record is already stored). */
  kept: number[];
  rejected: RecordRejection[];
  writes: PlannedWrite[];
}

const RESERVED_TAGS = new Set([MEASURE_NAME_TAG, 'time']);
const RESERVED_FIELDS = new Set([VERSION_FIELD, TIMESTAMP_MEASURES_FIELD, 'time']);

/**
 * Decides every record of a batch against what is stored (`existing`, by `recordKey`), in order:
 * records sharing an identity are compared with the one before them, as Timestream would.
 * Pure: the caller reads `existing` and `schema` and carries out the plan.
 */
export function planWrite(
  records: readonly TelemetryRecord[],
  existing: ReadonlyMap<string, TelemetryRecord>,
  schema: MeasurementSchema,
  /** `seriesKey` of each record, when the caller has them already. */
  series?: readonly string[],
): WritePlan {
  const plan: WritePlan = { kept: [], rejected: [], writes: [] };
  const current = new Map(existing);
  const pending = new Map<string, PlannedWrite>();
  const fieldTypes = new Map(schema.fields);
  const tags = new Set(schema.tags);
  records.forEach((record, index) => {
    const fields = pointFields(record);
    const recordTags = pointTags(record);
    const problem =
      storageProblem(record, recordTags, fields, fieldTypes, tags) ??
      typeConflict(fields, fieldTypes);
    if (problem) {
      plan.rejected.push({ index, ...problem });
      return;
    }
    const key = series ? recordKeyOf(series[index] as string, record.time) : recordKey(record);
    const decision = decideUpsert(current.get(key), record);
    if (decision.action === 'reject') plan.rejected.push({ index, ...decision.rejection });
    if (decision.action === 'keep') plan.kept.push(index);
    if (decision.action !== 'write') return;
    current.set(key, record);
    const earlier = pending.get(key);
    const replaces = existing.get(key);
    const write = {
      record,
      fields,
      tags: recordTags,
      indexes: [...(earlier?.indexes ?? []), index],
    };
    pending.set(key, replaces ? { ...write, replaces } : write);
    for (const f of fields) {
      const known = fieldTypes.get(f.key) ?? [];
      if (!known.includes(f.type)) fieldTypes.set(f.key, [...known, f.type]);
    }
    for (const tag in recordTags) tags.add(tag);
  });
  plan.writes = [...pending.values()];
  return plan;
}

/** True when writing `write` over its stored record would leave some of that record's fields. */
export function needsDelete(write: PlannedWrite): boolean {
  if (!write.replaces) return false;
  const keys = new Set(write.fields.map((f) => f.key));
  return pointFields(write.replaces).some((f) => !keys.has(f.key));
}

type Problem = Omit<RecordRejection, 'index'>;

/** What InfluxDB cannot store, or could not read back as this record. */
function storageProblem(
  record: TelemetryRecord,
  recordTags: Readonly<Record<string, string>>,
  fields: readonly PointField[],
  fieldTypes: ReadonlyMap<string, unknown>,
  tags: ReadonlySet<string>,
): Problem | undefined {
  const invalid = (reason: string): Problem => ({ code: 'InvalidRecord', reason });
  if (record.time < MIN_TIME_NS || record.time > MAX_TIME_NS) {
    return invalid('The record time is outside the range InfluxDB can store.');
  }
  const tagPairs = Object.entries(recordTags);
  for (const [key, value] of tagPairs) {
    if (value === '') return invalid(`Dimension '${decodeName(key)}' has an empty value.`);
    if (key !== MEASURE_NAME_TAG && RESERVED_TAGS.has(key)) {
      return invalid(`Dimension name '${key}' is reserved.`);
    }
    if (fieldTypes.has(key) || fields.some((f) => f.key === key)) {
      return invalid(
        `Dimension name '${decodeName(key)}' is already a measure name in this table.`,
      );
    }
  }
  if (record.measure.kind === 'multi') {
    for (const v of record.measure.values) {
      if (RESERVED_FIELDS.has(v.name)) return invalid(`Measure name '${v.name}' is reserved.`);
    }
  }
  for (const f of fields) {
    if (tags.has(f.key)) {
      return invalid(`Measure name '${decodeName(f.key)}' is already a dimension in this table.`);
    }
  }
  return undefined;
}

/** A field stored with another type (InfluxDB would refuse the point, shard by shard). */
function typeConflict(
  fields: readonly PointField[],
  fieldTypes: ReadonlyMap<string, readonly InfluxFieldType[]>,
): Problem | undefined {
  for (const f of fields) {
    const known = fieldTypes.get(f.key);
    if (known && !known.includes(f.type)) {
      return {
        code: 'TypeConflict',
        reason:
          `Measure '${decodeName(f.key)}' is stored as ${known.join('/')} in this table; ` +
          `this record has it as ${f.type}.`,
      };
    }
  }
  return undefined;
}
