import type { FieldError } from '../../../../app/src/telemetry/validate.js';

/**
 * Where a problem that `validateRecord` (app/src/telemetry/validate.ts, the one place that knows
 * Timestream's record rules) found in a record goes in a WriteRecords answer:
 *
 * - the whole request is refused with a ValidationException, nothing written, for the problems
 *   AWS documents or was seen to answer that way:
 *   Version below 1 ("must be 1 or greater, or you will receive a ValidationException", model
 *   `Record.Version`); dimensions overlapping with CommonAttributes ("Dimensions may not overlap,
 *   or a ValidationException will be thrown", model `CommonAttributes`); MeasureValueType
 *   TIMESTAMP outside MULTI (HTTP 400 "TIMESTAMP is an invalid measure value type",
 *   boto/boto3#3138);
 * - every other problem (a value that does not parse as its type, a reserved or too long name,
 *   a missing Time or MeasureName, ...) rejects that record only: AWS lists "Records with
 *   dimensions or measures that exceed the Timestream defined limits" among RejectedRecords
 *   reasons (model `RejectedRecord.Reason`). That these all are per-record in AWS, and AWS's
 *   Reason texts for them, are NOT CONFIRMED; the Reason is validateRecord's "<field>: <reason>".
 */
export type Classified =
  { level: 'request'; message: string } | { level: 'record'; reason: string };

export function classify(error: FieldError, recordIndex: number): Classified {
  if (error.field === 'Version') {
    return { level: 'request', message: `Records[${recordIndex}].Version ${error.reason}.` };
  }
  if (error.field === 'MeasureValueType' && error.reason.includes('TIMESTAMP')) {
    return { level: 'request', message: 'TIMESTAMP is an invalid measure value type' };
  }
  if (error.field === 'Dimensions' && error.reason.includes('more than once')) {
    return { level: 'request', message: `Records[${recordIndex}].Dimensions: ${error.reason}.` };
  }
  return { level: 'record', reason: `${error.field}: ${error.reason}` };
}
