import { parseArn } from '../catalog/arn.js';
import type { CatalogState, Tag } from '../catalog/Catalog.js';
import { ServiceQuotaExceededException, ValidationException } from '../protocol/errors.js';
import { requireDatabase, requireTable } from './lookup.js';

/**
 * The resource a tagging call names by ARN (a database or a table) and the tag rules. An ARN for
 * a database or table that does not exist gets the same ResourceNotFoundException texts as the
 * other operations; an ARN that names neither (a scheduled query, say) is a ValidationException
 * (text NOT CONFIRMED).
 */
export function taggedResource(state: CatalogState, arn: string): { tags: Tag[] } {
  const ref = parseArn(arn);
  if (!ref) {
    throw new ValidationException(
      `The resource ARN ${arn} does not name a Timestream database or table.`,
    );
  }
  return ref.table === undefined
    ? requireDatabase(state, ref.database)
    : requireTable(state, ref.database, ref.table);
}

/**
 * Adds or overwrites tags by key. The model allows 200 tags per call (`TagList` max 200); we also
 * cap a resource at 200 tags, answering ServiceQuotaExceededException (listed for TagResource
 * in the model) beyond that. AWS's real per-resource quota is NOT CONFIRMED.
 */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.Key, t.Value]));
  for (const tag of added) byKey.set(tag.Key, tag.Value);
  if (byKey.size > MAX_TAGS) {
    throw new ServiceQuotaExceededException(
      `A resource can have at most ${MAX_TAGS} tags; this request would give it ${byKey.size}.`,
    );
  }
  return [...byKey].map(([Key, Value]) => ({ Key, Value }));
}

const MAX_TAGS = 200;
