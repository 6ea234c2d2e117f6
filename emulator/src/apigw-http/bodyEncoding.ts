import { isUtf8 } from 'node:buffer';

/** Media types sent to the handler as text although they are not `text/*`. */
const TEXT_APPLICATION_TYPES = new Set([
  'application/json',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/javascript',
]);

/**
 * Whether API Gateway would pass a body of this content type as text.
 *
 * HTTP APIs decide `isBase64Encoded` from the request's `content-type` (AWS blog "Handling binary
 * data using Amazon API Gateway HTTP APIs": `text/plain` arrives as text, `image/jpeg` as base64),
 * but AWS publishes no list, so this list is OUR CHOICE (NOT CONFIRMED): `text/*`, JSON and XML
 * (including `+json` / `+xml` suffixes such as `application/ld+json` or `image/svg+xml`), form
 * posts and JavaScript. Parameters (`; charset=...`) are ignored.
 */
export function isTextContentType(contentType: string): boolean {
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    mediaType.startsWith('text/') ||
    TEXT_APPLICATION_TYPES.has(mediaType) ||
    mediaType.endsWith('+json') ||
    mediaType.endsWith('+xml')
  );
}

export interface EncodedBody {
  /** Absent for an empty body: real events omit the key (aws/aws-lambda-go captured events). */
  body?: string;
  isBase64Encoded: boolean;
}

/**
 * The event's `body` and `isBase64Encoded` for the raw request bytes.
 *
 * A body with no `content-type` is text when it is valid UTF-8 (our choice; NOT CONFIRMED). A body
 * declared as text that is NOT valid UTF-8 (e.g. `text/plain; charset=latin1`) is sent as base64 so
 * no byte is lost; decoding it as UTF-8 would silently replace bytes with U+FFFD.
 */
export function encodeBody(body: Buffer, contentType: string | undefined): EncodedBody {
  if (body.length === 0) return { isBase64Encoded: false };
  const declaredText = contentType === undefined || isTextContentType(contentType);
  if (declaredText && isUtf8(body)) return { body: body.toString('utf8'), isBase64Encoded: false };
  return { body: body.toString('base64'), isBase64Encoded: true };
}
