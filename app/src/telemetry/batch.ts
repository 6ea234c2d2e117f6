import type { TelemetryRecord, WireRecord } from './record.js';
import { checkCommonAttributes, validateRecord, type FieldError } from './validate.js';

/** A request body broken into records, each valid or refused on its own. */
export interface ParsedBatch {
  total: number;
  valid: { index: number; record: TelemetryRecord }[];
  invalid: ({ index: number } & FieldError)[];
}

/** Problems with the request as a whole, before any record is looked at. */
export class BatchShapeError extends Error {
  constructor(
    readonly code: 'InvalidBatch' | 'TooManyRecords',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Accepts the three shapes of `POST /measurements`: one record, an array of records, or
 * `{ "CommonAttributes": {...}, "Records": [...] }` (WriteRecords' own shape). Each record is
 * validated on its own, so one bad record never hides the others.
 */
export function parseBatch(body: unknown, maxRecords: number, nowNs: bigint): ParsedBatch {
  const { records, common } = splitBody(body);
  if (records.length === 0) throw new BatchShapeError('InvalidBatch', 'the request has no records');
  if (records.length > maxRecords) {
    throw new BatchShapeError(
      'TooManyRecords',
      `the request has ${records.length} records; at most ${maxRecords} are accepted per request`,
    );
  }
  const batch: ParsedBatch = { total: records.length, valid: [], invalid: [] };
  records.forEach((raw, index) => {
    const result = validateRecord(raw, common, nowNs);
    if (result.ok) batch.valid.push({ index, record: result.record });
    else batch.invalid.push({ index, ...result.error });
  });
  return batch;
}

function splitBody(body: unknown): { records: unknown[]; common?: WireRecord } {
  if (Array.isArray(body)) return { records: body };
  if (typeof body !== 'object' || body === null) {
    throw new BatchShapeError(
      'InvalidBatch',
      'the body must be a record, an array of records, or {CommonAttributes, Records}',
    );
  }
  if (!('Records' in body)) return { records: [body] };
  const { Records, CommonAttributes, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra !== undefined) {
    throw new BatchShapeError('InvalidBatch', `${extra}: unknown attribute next to Records`);
  }
  if (!Array.isArray(Records))
    throw new BatchShapeError('InvalidBatch', 'Records: must be an array');
  if (CommonAttributes === undefined) return { records: Records };
  const problem = checkCommonAttributes(CommonAttributes);
  if (problem) throw new BatchShapeError('InvalidBatch', `${problem.field}: ${problem.reason}`);
  return { records: Records, common: CommonAttributes as WireRecord };
}
