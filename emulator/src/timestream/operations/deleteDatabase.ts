import { ValidationException } from '../protocol/errors.js';
import { input, resourceName } from '../validation/members.js';
import { conform } from '../validation/shape.js';
import type { OperationContext } from './context.js';
import { requireDatabase } from './lookup.js';

const shape = input({ DatabaseName: resourceName }, ['DatabaseName']);

/**
 * DeleteDatabase. "All tables in the database must be deleted first, or a ValidationException
 * error will be thrown" (API_DeleteDatabase.html); the exact message is NOT CONFIRMED.
 * Output: an empty body (the model has no output shape).
 */
export async function deleteDatabase(raw: unknown, context: OperationContext): Promise<unknown> {
  const { DatabaseName } = conform(shape, raw) as { DatabaseName: string };
  await context.catalog.transact((state) => {
    const database = requireDatabase(state, DatabaseName);
    if (database.tables.size > 0) {
      throw new ValidationException(
        `The database ${DatabaseName} still has ${database.tables.size} table(s); ` +
          'delete all its tables before deleting the database.',
      );
    }
    state.databases.delete(DatabaseName);
  });
  return {};
}
