import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Authorizer } from './auth/types.js';
import { authorize } from './authorize.js';
import { declaredTooLarge, readBody } from './body.js';
import type { FunctionSettings } from './context.js';
import type { CorsHooks } from './corsHooks.js';
import { gatewayError, type GatewayResponse } from './errors.js';
import { buildEvent, requestHeadOf, type ApiIdentity } from './event.js';
import { collectHeaders } from './headers.js';
import { integrate } from './integration.js';
import type { Invoker } from './invoker.js';
import { splitTarget } from './query.js';
import { pathInStage, type RouteMatch, type Router } from './routing/index.js';
import type { StageThrottle } from './throttle.js';

/** What the pipeline needs to know about the matched route. */
export interface RouteRuntime {
  routeKey: string;
  authorizer?: string;
  authorizationScopes?: string[];
  /** Integration timeout in ms. */
  timeoutMs: number;
}

export interface PipelineSettings {
  stage: string;
  stageVariables?: Record<string, string>;
  router: Router<RouteRuntime>;
  throttle: StageThrottle;
  authorizers: ReadonlyMap<string, Authorizer>;
  cors?: CorsHooks;
  invoker: Invoker;
  maxBodyBytes: number;
  maxEventBytes: number;
  api: ApiIdentity;
  fn: FunctionSettings;
  log: (line: string) => void;
}

/**
 * One request through the gateway, in API Gateway's order: stage, CORS preflight, route (404),
 * size limits (413), the 2.0 event, throttling (429), the authorizer (401/403/500), the
 * invocation within the route's integration timeout (503), the response mapping (500 for a
 * malformed result), then the configured CORS headers. Every answer carries `apigw-requestid`.
 * Function failures become the gateway's 500, logged with the request id and never shown to the
 * client. Resolves `undefined` when the client left mid-body.
 */
export async function runRequest(
  req: IncomingMessage,
  requestId: string,
  settings: PipelineSettings,
): Promise<GatewayResponse | undefined> {
  const requestHeaders = collectHeaders(req.rawHeaders).headers;
  const stagePath = pathInStage(settings.stage, splitTarget(req.url ?? '/').encodedPath);
  const preflight =
    stagePath === undefined
      ? undefined
      : settings.cors?.preflight(req.method ?? '', requestHeaders);
  if (preflight) return withRequestId(refuse(req, preflight), requestId);
  const response =
    stagePath === undefined
      ? refuse(req, gatewayError('notFound', requestId))
      : await route(req, requestId, stagePath, settings);
  if (!response) return undefined;
  // NOT CONFIRMED: that AWS also puts CORS headers on its own errors (401, 404, 429...). We do, so
  // a browser can read them; SAM not doing it on authorizer denials is reported as a bug against
  // SAM (aws/aws-sam-cli#9087).
  return withRequestId(
    settings.cors ? settings.cors.apply(requestHeaders, response) : response,
    requestId,
  );
}

function withRequestId(response: GatewayResponse, requestId: string): GatewayResponse {
  return { ...response, headers: { ...response.headers, 'apigw-requestid': requestId } };
}

async function route(
  req: IncomingMessage,
  requestId: string,
  stagePath: string,
  settings: PipelineSettings,
): Promise<GatewayResponse | undefined> {
  const match = settings.router(req.method ?? 'GET', stagePath);
  if (!match) return refuse(req, gatewayError('notFound', requestId));
  const built = await eventFor(req, requestId, match, settings);
  if (built.refused) return built.response;
  if (!settings.throttle.admit(match.route.routeKey)) return gatewayError('throttled', requestId);
  const authorized = await authorizeRoute(built.event, match.route, stagePath, settings);
  if (authorized.refused) return authorized.response;
  const { timeoutMs } = match.route;
  const { fn, log } = settings;
  return integrate(settings.invoker, authorized.event, { requestId, timeoutMs, fn, log });
}

type Step =
  | { refused: false; event: APIGatewayProxyEventV2 }
  | { refused: true; response: GatewayResponse | undefined };

/** Size limits (413), then the 2.0 event; `response` is `undefined` when the client left. */
async function eventFor(
  req: IncomingMessage,
  requestId: string,
  match: RouteMatch<RouteRuntime>,
  settings: PipelineSettings,
): Promise<Step> {
  const refused = (response: GatewayResponse | undefined): Step => ({ refused: true, response });
  if (declaredTooLarge(req.headers, settings.maxBodyBytes)) {
    return refused(refuse(req, gatewayError('tooLarge', requestId)));
  }
  const read = await readBody(req, settings.maxBodyBytes).catch(() => undefined);
  if (read === undefined) return refused(undefined);
  if (!read.ok) return refused(gatewayError('tooLarge', requestId));
  const event = buildEvent(requestHeadOf(req), read.body, {
    ...settings.api,
    requestId,
    now: new Date(),
    routeKey: match.route.routeKey,
    stage: settings.stage,
    ...(match.pathParameters && { pathParameters: match.pathParameters }),
    ...(settings.stageVariables && { stageVariables: settings.stageVariables }),
  });
  // The invoke payload is the event's JSON; binary bodies grow by a third as base64.
  const eventBytes = eventJsonBytes(event, settings.maxEventBytes);
  if (eventBytes > settings.maxEventBytes) {
    settings.log(`${requestId} event of ${eventBytes} bytes exceeds Lambda's invoke limit`);
    return refused(gatewayError('eventTooLarge', requestId));
  }
  return { refused: false, event };
}

/**
 * The size of the event's JSON, or a bound on it that is already under `limit`: the body's JSON
 * string takes at most 6 bytes per UTF-16 unit (`\u00xx`), so a body far under the limit is not
 * serialised again just to be measured.
 */
function eventJsonBytes(event: APIGatewayProxyEventV2, limit: number): number {
  const body = event.body;
  if (body === undefined) return Buffer.byteLength(JSON.stringify(event));
  const rest = Buffer.byteLength(JSON.stringify({ ...event, body: '' }));
  const bound = rest + body.length * 6;
  return bound <= limit ? bound : rest + Buffer.byteLength(JSON.stringify(body)) - 2;
}

/** The route's authorizer, if it has one: 401/403/500 with its headers, or the event it allowed. */
async function authorizeRoute(
  event: APIGatewayProxyEventV2,
  route: RouteRuntime,
  stagePath: string,
  settings: PipelineSettings,
): Promise<Step> {
  if (route.authorizer === undefined) return { refused: false, event };
  const requestId = event.requestContext.requestId;
  const authorizer = settings.authorizers.get(route.authorizer);
  if (!authorizer) {
    settings.log(`${requestId} route ${route.routeKey} names a missing authorizer`);
    return { refused: true, response: gatewayError('internal', requestId) };
  }
  const scopes = route.authorizationScopes;
  const outcome = await authorize(authorizer, {
    event,
    stagePath,
    region: settings.fn.region,
    ...(scopes && { authorizationScopes: scopes }),
  });
  if (outcome.allowed) return { refused: false, event: outcome.event };
  const status = outcome.response.statusCode;
  settings.log(`${requestId} ${authorizer.name} refused (${status}): ${outcome.reason}`);
  return { refused: true, response: outcome.response };
}

/**
 * An answer given before the body was read: whatever is in flight is discarded, and the server
 * closes the connection (see `server.ts`) instead of reading up to 10 MB it will not use.
 */
function refuse(req: IncomingMessage, response: GatewayResponse): GatewayResponse {
  req.resume();
  return response;
}
