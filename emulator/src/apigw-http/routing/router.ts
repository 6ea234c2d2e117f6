import { parseRouteKey, type PathSegment, type RouteMethod } from '../config/routeKey.js';
import { safeDecode } from '../query.js';

export interface RouteMatch<R> {
  route: R;
  /** Decoded values by variable name; absent when the route has no variables (as AWS omits it). */
  pathParameters?: Record<string, string>;
}

export type Router<R> = (method: string, path: string) => RouteMatch<R> | undefined;

interface CompiledRoute<R> {
  route: R;
  method: RouteMethod;
  segments: PathSegment[];
  greedy: boolean;
}

/**
 * Compiles a route table into API Gateway's route selection (AWS doc http-api-develop-routes.md,
 * "Routing API requests"): the most specific match wins, in this order:
 * 1. routes without a greedy variable beat routes with one ("full match" before `{proxy+}`);
 * 2. then, segment by segment from the left, a literal beats a `{variable}`, which beats `{proxy+}`
 *    (so `GET /pets/dog/{id}` beats `GET /pets/{proxy+}`, which beats `ANY /{proxy+}`);
 * 3. then a named method beats `ANY` ("ANY matches all methods that you haven't defined");
 * 4. `$default` only when nothing else matched.
 * A route of another method never matches: `GET /pets` does not answer `POST /pets` or `HEAD /pets`.
 *
 * `path` is the request path below the stage, still percent-encoded: it is split on `/` first and
 * each segment decoded after, so `%2F` stays inside one segment (NOT CONFIRMED for AWS).
 *
 * Trailing slashes count: `/pets/` is not `GET /pets` (route keys cannot end in `/`, and
 * aws-powertools/powertools-lambda-python#1609 kept slash-insensitive matching to REST APIs).
 * A greedy variable needs at least one character, so `ANY /{proxy+}` does not match `/`: the AWS
 * REST API doc says so ("To handle requests to /, add a new ANY method on the / resource"); for
 * HTTP APIs this is NOT CONFIRMED.
 *
 * @example
 * const match = createRouter([{ routeKey: 'GET /pets/{id}' }])('GET', '/pets/7');
 * // { route: { routeKey: 'GET /pets/{id}' }, pathParameters: { id: '7' } }
 */
export function createRouter<R extends { routeKey: string }>(routes: readonly R[]): Router<R> {
  const compiled: CompiledRoute<R>[] = [];
  let fallback: R | undefined;
  for (const route of routes) {
    const parsed = parseRouteKey(route.routeKey);
    if (parsed.kind === 'default') fallback = route;
    else {
      const greedy = parsed.segments.at(-1)?.kind === 'greedy';
      compiled.push({ route, method: parsed.method, segments: parsed.segments, greedy });
    }
  }
  return (method, path) => {
    const parts = path === '/' ? [] : path.slice(1).split('/');
    let best: { candidate: CompiledRoute<R>; params: Record<string, string> } | undefined;
    for (const candidate of compiled) {
      if (candidate.method !== 'ANY' && candidate.method !== method) continue;
      const params = matchSegments(candidate.segments, parts);
      if (params && (!best || compare(candidate, best.candidate) > 0)) best = { candidate, params };
    }
    if (!best) return fallback && { route: fallback };
    const { route } = best.candidate;
    return Object.keys(best.params).length > 0 ? { route, pathParameters: best.params } : { route };
  };
}

function matchSegments(
  segments: readonly PathSegment[],
  parts: readonly string[],
): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (const [i, segment] of segments.entries()) {
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i).join('/');
      if (rest === '') return undefined;
      params[segment.name] = safeDecode(rest);
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    const decoded = safeDecode(part);
    if (segment.kind === 'literal' && decoded !== segment.value) return undefined;
    if (segment.kind === 'variable') params[segment.name] = decoded;
  }
  return segments.length === parts.length ? params : undefined;
}

const RANK = { literal: 2, variable: 1, greedy: 0 } as const;

/** > 0 when `a` is the more specific route of the two (both already match the request). */
function compare<R>(a: CompiledRoute<R>, b: CompiledRoute<R>): number {
  if (a.greedy !== b.greedy) return a.greedy ? -1 : 1;
  const length = Math.min(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const diff = RANK[a.segments[i]?.kind ?? 'greedy'] - RANK[b.segments[i]?.kind ?? 'greedy'];
    if (diff !== 0) return diff;
  }
  if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
  return (a.method === 'ANY' ? 0 : 1) - (b.method === 'ANY' ? 0 : 1);
}
