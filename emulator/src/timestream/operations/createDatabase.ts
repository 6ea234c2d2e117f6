import { randomUUID } from 'node:crypto';
import type { DatabaseEntry, Tag } from '../catalog/Catalog.js';
import { ConflictException } from '../protocol/errors.js';
import { createName, input, tags } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { databaseView } from './views.js';

const shape = input(
  { DatabaseName: createName, KmsKeyId: { type: 'string', min: 1, max: 2048 }, Tags: tags },
  ['DatabaseName'],
);

interface Request {
  DatabaseName: string;
  KmsKeyId?: string;
  Tags?: Tag[];
}

/**
 * CreateDatabase. Without KmsKeyId, AWS encrypts with "a Timestream managed KMS key located in
 * your account" (model) and DescribeDatabase shows that key's ARN; we make up such an ARN. The
 * ConflictException text is NOT CONFIRMED (no recorded AWS response found); it mirrors the
 * AWS-verified not-found text.
 */
export async function createDatabase(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as unknown as Request;
  const name = request.DatabaseName;
  const now = context.now();
  const entry: DatabaseEntry = {
    name,
    kmsKeyId:
      request.KmsKeyId ?? `arn:aws:kms:${context.region}:${context.accountId}:key/${randomUUID()}`,
    createdAt: now,
    updatedAt: now,
    tags: request.Tags ?? [],
    tables: new Map(),
  };
  await context.catalog.transact((state) => {
    if (state.databases.has(name)) {
      throw new ConflictException(`The database ${name} already exists.`);
    }
    state.databases.set(name, entry);
  });
  return { Database: databaseView(entry, context) };
}
