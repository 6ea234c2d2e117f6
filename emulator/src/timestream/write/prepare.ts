import type { TelemetryRecord, WireRecord } from '../../../../app/src/telemetry/record.js';
import { validateRecord } from '../../../../app/src/telemetry/validate.js';
import type { TableEntry } from '../catalog/Catalog.js';
import { ValidationException, type RejectedRecord } from '../protocol/errors.js';
import { classify } from './classify.js';
import { ingestionWindow, outsideReason, place, type Placement } from './window.js';

export interface AcceptedRecord {
  /** Index in the request's Records. */
  index: number;
  record: TelemetryRecord;
  store: Exclude<Placement, 'outside'>;
}

export interface PreparedWrite {
  accepted: AcceptedRecord[];
  rejected: RejectedRecord[];
}

/**
 * validateRecord's own 15-minute future check is switched off by giving it a "now" at the end of
 * time: WriteRecords must report a future record as a RejectedRecord with the time-range Reason,
 * which the ingestion window below does for both ends at once.
 */
const END_OF_TIME_NS = 2n ** 63n - 1n;

/**
 * Turns the request's records into canonical records, each accepted (with the store it goes to)
 * or rejected with a Reason. Throws ValidationException when a record has a problem that refuses
 * the whole request (see classify.ts), before anything is written.
 */
export function prepareRecords(
  records: readonly WireRecord[],
  common: WireRecord | undefined,
  table: TableEntry,
  nowMs: number,
): PreparedWrite {
  const window = ingestionWindow(table, nowMs);
  const required = requiredDimensions(table);
  const prepared: PreparedWrite = { accepted: [], rejected: [] };
  records.forEach((raw, index) => {
    const result = validateRecord(raw, common, END_OF_TIME_NS);
    if (!result.ok) {
      const problem = classify(result.error, index);
      if (problem.level === 'request') throw new ValidationException(problem.message);
      prepared.rejected.push({ RecordIndex: index, Reason: problem.reason });
      return;
    }
    const missing = required.find((name) => !result.record.dimensions.some((d) => d.name === name));
    if (missing !== undefined) {
      prepared.rejected.push({ RecordIndex: index, Reason: missingKeyReason(missing) });
      return;
    }
    const store = place(result.record.time, window);
    if (store === 'outside') {
      prepared.rejected.push({ RecordIndex: index, Reason: outsideReason(window) });
      return;
    }
    prepared.accepted.push({ index, record: result.record, store });
  });
  return prepared;
}

/**
 * Dimension partition keys with `EnforcementInRecord: REQUIRED`: "dimension key must be
 * specified" (model `PartitionKey`). A record without it is rejected; the Reason text is
 * NOT CONFIRMED.
 */
function requiredDimensions(table: TableEntry): string[] {
  return table.schema.CompositePartitionKey.filter(
    (key) => key.Type === 'DIMENSION' && key.EnforcementInRecord === 'REQUIRED',
  ).flatMap((key) => (typeof key.Name === 'string' && key.Name !== '' ? [key.Name] : []));
}

function missingKeyReason(name: string): string {
  return `The record does not have the dimension ${name}, which the table's partition key requires.`;
}
