/**
 * Route keys as HTTP APIs spell them: `$default`, or `METHOD /path` where the path may hold whole
 * segment variables (`{petId}`) and, as its last segment, one greedy variable (`{proxy+}`)
 * (AWS doc http-api-develop-routes.md).
 */

/** The methods an HTTP API route can name; `ANY` matches every method not routed otherwise. */
export const ROUTE_METHODS = [
  'ANY',
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
] as const;

export type RouteMethod = (typeof ROUTE_METHODS)[number];

export type PathSegment =
  | { kind: 'literal'; value: string }
  | { kind: 'variable'; name: string }
  | { kind: 'greedy'; name: string };

export type ParsedRouteKey =
  { kind: 'default' } | { kind: 'route'; method: RouteMethod; segments: PathSegment[] };

/**
 * Variable names: letters, digits, `_`, `-` and `.`. AWS publishes no grammar for HTTP API path
 * variable names; this set covers every example in its docs (NOT CONFIRMED beyond that).
 */
const VARIABLE = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;

/**
 * Parses a route key, or throws an Error whose message says what is wrong with it.
 *
 * A path may not end in `/` (except the root `/`): HTTP APIs refuse such route keys at deploy time
 * (storacha/w3infra#166 "fails to deploy with error of invalid route name ending in /";
 * aws/serverless-application-model#1949). Empty segments (`//`) are refused for the same reason.
 *
 * @example
 * parseRouteKey('GET /pets/{petId}'); // { kind: 'route', method: 'GET', segments: [...] }
 * parseRouteKey('$default');          // { kind: 'default' }
 */
export function parseRouteKey(key: string): ParsedRouteKey {
  if (key === '$default') return { kind: 'default' };
  const match = /^([A-Z]+) (\/\S*)$/.exec(key);
  if (!match) throw new Error('must be "$default" or "METHOD /path", e.g. "GET /pets/{petId}"');
  const method = match[1] as RouteMethod;
  if (!ROUTE_METHODS.includes(method)) {
    throw new Error(`has unknown method ${method}; use one of ${ROUTE_METHODS.join(', ')}`);
  }
  return { kind: 'route', method, segments: parsePath(match[2] ?? '/') };
}

function parsePath(path: string): PathSegment[] {
  if (path === '/') return [];
  if (path.endsWith('/')) throw new Error('path must not end with "/"');
  const parts = path.slice(1).split('/');
  const segments = parts.map(parseSegment);
  const names = new Set<string>();
  segments.forEach((segment, index) => {
    if (segment.kind === 'literal') return;
    if (names.has(segment.name)) throw new Error(`path variable {${segment.name}} appears twice`);
    names.add(segment.name);
    if (segment.kind === 'greedy' && index !== segments.length - 1) {
      throw new Error(`greedy variable {${segment.name}+} must be the last path segment`);
    }
  });
  return segments;
}

function parseSegment(part: string): PathSegment {
  if (part === '') throw new Error('path must not contain empty segments ("//")');
  const variable = VARIABLE.exec(part);
  if (variable) {
    const name = variable[1] ?? '';
    return variable[2] === '+' ? { kind: 'greedy', name } : { kind: 'variable', name };
  }
  if (/[{}?#]/.test(part)) {
    throw new Error(
      `segment "${part}" is invalid: a variable must be a whole segment like {name} or {name+}`,
    );
  }
  return { kind: 'literal', value: part };
}

/**
 * The route's path with variable names blanked (`GET /pets/{}`), so `GET /pets/{id}` and
 * `GET /pets/{name}` are recognised as the same route: API Gateway could not tell them apart.
 */
export function routeShape(parsed: ParsedRouteKey): string {
  if (parsed.kind === 'default') return '$default';
  const path = parsed.segments
    .map((s) => (s.kind === 'literal' ? s.value : s.kind === 'greedy' ? '{+}' : '{}'))
    .join('/');
  return `${parsed.method} /${path}`;
}
