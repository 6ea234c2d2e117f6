import { input, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireDatabase } from './lookup.js';
import { databaseView } from './views.js';

const shape = input(
  { DatabaseName: resourceName, KmsKeyId: { type: 'string', min: 1, max: 2048 } },
  ['DatabaseName', 'KmsKeyId'],
);

/**
 * UpdateDatabase: only the KMS key can change. "If the KmsKeyId currently registered with the
 * database is the same as the KmsKeyId in the request, there will not be any update" (model), so
 * LastUpdatedTime moves only on a real change.
 */
export async function updateDatabase(raw: unknown, context: OperationContext): Promise<unknown> {
  const request = conform(shape, raw) as { DatabaseName: string; KmsKeyId: string };
  const now = context.now();
  const updated = await context.catalog.transact((state) => {
    const database = requireDatabase(state, request.DatabaseName);
    if (database.kmsKeyId !== request.KmsKeyId) {
      database.kmsKeyId = request.KmsKeyId;
      database.updatedAt = now;
    }
    return database;
  });
  return { Database: databaseView(updated, context) };
}
