import { checkAuthorizers } from './authorizers.js';
import { Checker, GatewayConfigError } from './checker.js';
import { parseRouteKey, routeShape } from './routeKey.js';
import { checkCors, checkFunction, checkStageVariables, checkThrottle } from './sections.js';
import {
  DEFAULT_THROTTLE,
  INTEGRATION_TIMEOUT_MS,
  type AuthorizerSettings,
  type GatewayConfig,
  type RouteSettings,
} from './types.js';

/** HTTP API quotas (AWS doc limits.md): routes per API, scopes per route. */
const MAX_ROUTES = 300;
const MAX_SCOPES = 10;

const TOP_FIELDS = [
  'stage',
  'stageVariables',
  'throttle',
  'cors',
  'authorizers',
  'function',
  'routes',
];
const ROUTE_FIELDS = ['routeKey', 'authorizer', 'authorizationScopes', 'timeoutMs', 'throttle'];

/**
 * Validates a parsed gateway config file and fills in its defaults. Pure: reads no files.
 * Throws `GatewayConfigError` listing every problem with its JSON path.
 *
 * @example
 * validateGatewayConfig({ routes: [{ routeKey: 'GET /health' }] });
 * // { stage: '$default', throttle: { rateLimit: 10000, burstLimit: 5000 }, authorizers: {},
 * //   routes: [{ routeKey: 'GET /health', timeoutMs: 30000 }] }
 */
export function validateGatewayConfig(raw: unknown, source?: string): GatewayConfig {
  const check = new Checker();
  const o = check.object(raw, '', TOP_FIELDS) ?? {};
  const stage =
    o.stage === undefined
      ? '$default'
      : check.string(
          o.stage,
          'stage',
          /^(\$default|[A-Za-z0-9_-]{1,128})$/,
          'must be "$default" or 1-128 letters, digits, "-" or "_"',
        );
  const stageVariables =
    o.stageVariables === undefined ? undefined : checkStageVariables(check, o.stageVariables);
  const throttle =
    o.throttle === undefined ? DEFAULT_THROTTLE : checkThrottle(check, o.throttle, 'throttle');
  const cors = o.cors === undefined ? undefined : checkCors(check, o.cors);
  const authorizers = checkAuthorizers(check, o.authorizers, 'authorizers');
  const fn = o.function === undefined ? undefined : checkFunction(check, o.function);
  const routes = checkRoutes(check, o.routes ?? [{ routeKey: '$default' }], authorizers);
  if (check.issues.length > 0) throw new GatewayConfigError(check.issues, source);
  return {
    stage: stage ?? '$default',
    ...(stageVariables && { stageVariables }),
    throttle: throttle ?? DEFAULT_THROTTLE,
    ...(cors && { cors }),
    authorizers,
    ...(fn && { function: fn }),
    routes,
  };
}

function checkRoutes(
  check: Checker,
  raw: unknown,
  authorizers: Record<string, AuthorizerSettings>,
): RouteSettings[] {
  if (!Array.isArray(raw)) return check.fail('routes', 'must be an array of routes') ?? [];
  if (raw.length > MAX_ROUTES)
    check.fail('routes', `has ${raw.length} routes; an HTTP API allows ${MAX_ROUTES}`);
  const shapes = new Map<string, string>();
  return raw.flatMap((item: unknown, i) => {
    const path = `routes[${i}]`;
    const o = check.object(item, path, ROUTE_FIELDS);
    if (!o) return [];
    const routeKey = check.string(o.routeKey, `${path}.routeKey`);
    if (routeKey !== undefined) {
      try {
        const shape = routeShape(parseRouteKey(routeKey));
        const twin = shapes.get(shape);
        if (twin) check.fail(`${path}.routeKey`, `"${routeKey}" is the same route as "${twin}"`);
        shapes.set(shape, routeKey);
      } catch (err) {
        check.fail(`${path}.routeKey`, `"${routeKey}" ${(err as Error).message}`);
      }
    }
    const route = checkRouteOptions(check, o, path, authorizers);
    return routeKey === undefined || !route ? [] : [{ routeKey, ...route }];
  });
}

function checkRouteOptions(
  check: Checker,
  o: Record<string, unknown>,
  path: string,
  authorizers: Record<string, AuthorizerSettings>,
): Omit<RouteSettings, 'routeKey'> | undefined {
  const { min, max } = INTEGRATION_TIMEOUT_MS;
  const timeoutMs =
    o.timeoutMs === undefined
      ? INTEGRATION_TIMEOUT_MS.default
      : check.number(o.timeoutMs, `${path}.timeoutMs`, min, max);
  const throttle =
    o.throttle === undefined ? undefined : checkThrottle(check, o.throttle, `${path}.throttle`);
  const authorizer =
    o.authorizer === undefined ? undefined : check.string(o.authorizer, `${path}.authorizer`);
  if (authorizer !== undefined && !(authorizer in authorizers)) {
    check.fail(
      `${path}.authorizer`,
      `names no entry of "authorizers" (${JSON.stringify(authorizer)})`,
    );
  }
  const scopes =
    o.authorizationScopes === undefined
      ? undefined
      : check.strings(o.authorizationScopes, `${path}.authorizationScopes`, MAX_SCOPES);
  // Scopes are checked against a JWT's `scope`/`scp` claim; other authorizers have no scopes.
  if (scopes && (authorizer === undefined || authorizers[authorizer]?.type !== 'JWT')) {
    check.fail(`${path}.authorizationScopes`, 'needs a JWT authorizer on the route');
  }
  if (timeoutMs === undefined) return undefined;
  return {
    ...(authorizer !== undefined && { authorizer }),
    ...(scopes && { authorizationScopes: scopes }),
    timeoutMs,
    ...(throttle && { throttle }),
  };
}
