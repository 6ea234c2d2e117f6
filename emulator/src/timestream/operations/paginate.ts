import { byCodePoint } from '../catalog/MemoryCatalog.js';
import { ValidationException } from '../protocol/errors.js';

/**
 * ListDatabases / ListTables paging. Items come in name order; `NextToken` is opaque to clients
 * (model: "provide the NextToken value as argument of a subsequent API invocation") and here
 * encodes the last name returned, so a page stays correct when items are created or deleted
 * between calls. Without MaxResults every item comes back in one page: AWS's default page size
 * is not documented (NOT CONFIRMED), and one page cannot surprise a caller that does not page.
 */
export function paginate<T>(
  items: Iterable<T>,
  /** A unique, sortable key per item (the name, or database and table name). */
  key: (item: T) => string,
  request: { MaxResults?: number; NextToken?: string },
): { page: T[]; nextToken?: string } {
  const after = request.NextToken === undefined ? undefined : decodeToken(request.NextToken);
  const sorted = [...items]
    .sort((a, b) => byCodePoint(key(a), key(b)))
    .filter((item) => after === undefined || key(item) > after);
  const max = request.MaxResults;
  if (max === undefined || sorted.length <= max) return { page: sorted };
  const page = sorted.slice(0, max);
  return { page, nextToken: encodeToken(key(page[page.length - 1]!)) };
}

function encodeToken(lastName: string): string {
  return Buffer.from(JSON.stringify({ after: lastName }), 'utf8').toString('base64url');
}

function decodeToken(token: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    const after = (parsed as { after?: unknown } | null)?.after;
    if (typeof after === 'string') return after;
  } catch {
    // fall through: not one of ours
  }
  // The text AWS uses for a token it did not issue is NOT CONFIRMED.
  throw new ValidationException('The NextToken is not valid.');
}
