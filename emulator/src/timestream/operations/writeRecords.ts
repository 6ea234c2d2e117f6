import type { WireRecord } from '../../../../app/src/telemetry/record.js';
import { RejectedRecordsException } from '../protocol/errors.js';
import { input, record, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import { prepareRecords } from '../write/prepare.js';
import { storeRecords } from '../write/store.js';
import type { OperationContext } from './context.js';
import { requireTable } from './lookup.js';

/** `Records`: 1..100 per request (model; ts-limits "Records per WriteRecords API request"). */
const shape = input(
  {
    DatabaseName: resourceName,
    TableName: resourceName,
    CommonAttributes: record,
    Records: { type: 'list', member: record, min: 1, max: 100 },
  },
  ['DatabaseName', 'TableName', 'Records'],
);

interface Request {
  DatabaseName: string;
  TableName: string;
  CommonAttributes?: WireRecord;
  Records: WireRecord[];
}

/**
 * WriteRecords, in this order: the request's shape (ValidationException), the table
 * (ResourceNotFoundException), each record's rules and the table's ingestion window (a
 * ValidationException for the whole request, or per-record rejections), then the storage port's
 * upsert rules. Rejections are per record: the other records are written, and the answer is
 * RejectedRecordsException (HTTP 419) listing only the rejected ones by request index, like
 * AWS, which then does not say how many were written (aws/aws-sdk#511). Otherwise the answer
 * counts what went where.
 *
 * Records go to the storage port as `{ database: DatabaseName, table: TableName }`.
 */
export async function writeRecords(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as unknown as Request;
  const state = await context.catalog.snapshot();
  const table = requireTable(state, request.DatabaseName, request.TableName);
  const prepared = prepareRecords(request.Records, request.CommonAttributes, table, context.now());
  const outcome = await storeRecords(
    context.store,
    { database: request.DatabaseName, table: request.TableName },
    prepared.accepted,
  );
  const rejected = [...prepared.rejected, ...outcome.rejected].sort(
    (a, b) => a.RecordIndex - b.RecordIndex,
  );
  if (rejected.length > 0) throw new RejectedRecordsException(rejected);
  const magnetic = outcome.stored.filter((r) => r.store === 'magnetic').length;
  return {
    RecordsIngested: {
      Total: outcome.stored.length,
      MemoryStore: outcome.stored.length - magnetic,
      MagneticStore: magnetic,
    },
  };
}
