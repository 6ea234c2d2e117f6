import { AuthorizerConfigError } from './errors.js';
import type { AuthorizationRequest } from './types.js';

/** One parsed identity source expression (AWS doc http-api-lambda-authorizer, "Identity sources"). */
export type IdentitySource =
  | { kind: 'header'; name: string }
  | { kind: 'querystring'; name: string }
  | { kind: 'context'; path: string[] }
  | { kind: 'stageVariables'; name: string };

const PREFIXES: ReadonlyArray<[string, IdentitySource['kind']]> = [
  ['$request.header.', 'header'],
  ['$request.querystring.', 'querystring'],
  ['$context.', 'context'],
  ['$stageVariables.', 'stageVariables'],
];

/**
 * Parses `$request.header.Authorization`, `$request.querystring.token`, `$context.routeKey` or
 * `$stageVariables.name`; anything else is a configuration error, as CreateAuthorizer refuses it.
 *
 * @example
 * parseIdentitySource('$request.header.Authorization'); // { kind: 'header', name: 'authorization' }
 */
export function parseIdentitySource(expression: string): IdentitySource {
  for (const [prefix, kind] of PREFIXES) {
    if (!expression.startsWith(prefix)) continue;
    const rest = expression.slice(prefix.length);
    if (rest === '') break;
    // Header names are case-insensitive (the event has them lower-cased); query names are not.
    if (kind === 'header') return { kind, name: rest.toLowerCase() };
    if (kind === 'context') return { kind, path: rest.split('.') };
    return { kind, name: rest };
  }
  throw new AuthorizerConfigError(
    `identity source "${expression}" must be $request.header.<name>, $request.querystring.<name>, ` +
      '$context.<variable> or $stageVariables.<name>',
  );
}

/**
 * The value of an identity source for this request, or `undefined` when it is absent or empty:
 * AWS then answers 401 without calling the authorizer ("If any of the identity sources are missing,
 * null, or empty, API Gateway returns a 401", AWS doc http-api-lambda-authorizer).
 */
export function readIdentitySource(
  source: IdentitySource,
  event: AuthorizationRequest['event'],
): string | undefined {
  const value = rawValue(source, event);
  return value === undefined || value === '' ? undefined : value;
}

function rawValue(
  source: IdentitySource,
  event: AuthorizationRequest['event'],
): string | undefined {
  switch (source.kind) {
    case 'header':
      // The 2.0 event moves `cookie` into `cookies`; the client still sent a cookie header.
      if (source.name === 'cookie') return event.cookies?.join('; ');
      return own(event.headers, source.name);
    case 'querystring':
      return own(event.queryStringParameters, source.name);
    case 'stageVariables':
      return own(event.stageVariables, source.name);
    case 'context':
      return contextValue(event.requestContext, source.path);
  }
}

function own(record: Record<string, string> | undefined, key: string): string | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `$context.http.sourceIp` style lookups; only strings and numbers count as a value. */
function contextValue(context: Record<string, unknown>, path: string[]): string | undefined {
  let current: unknown = context;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  if (typeof current === 'string') return current;
  return typeof current === 'number' ? String(current) : undefined;
}
