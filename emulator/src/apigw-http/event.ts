import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { encodeBody } from './bodyEncoding.js';
import { addGatewayHeaders, collectHeaders } from './headers.js';
import { parseQuery, splitTarget } from './query.js';
import { formatClfTime } from './time.js';

/** The parts of an HTTP request the event is built from; a plain object so tests need no socket. */
export interface RequestHead {
  method: string;
  /** The request target as sent: `/path?query` (or absolute-form). */
  url: string;
  /** Node's `[name, value, name, value, ...]`, with every repeat and the client's spelling. */
  rawHeaders: readonly string[];
  httpVersion: string;
  remoteAddress: string | undefined;
  /** The port the client connected to. */
  localPort: number;
}

/** Who the emulated API is: the ids AWS would put in `requestContext`. */
export interface ApiIdentity {
  accountId: string;
  apiId: string;
  /** Fixed `requestContext.domainName`; by default the `host` the client used, as AWS reports it. */
  domainName?: string;
}

export interface EventOptions extends ApiIdentity {
  requestId: string;
  now: Date;
  /** The matched route's key; default `$default`. */
  routeKey?: string;
  /** Default `$default`. The path is not changed: a named stage's prefix stays in `rawPath`. */
  stage?: string;
  /** Omitted from the event when empty or absent, as AWS does. */
  pathParameters?: Record<string, string>;
  stageVariables?: Record<string, string>;
}

export function requestHeadOf(req: IncomingMessage): RequestHead {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    rawHeaders: req.rawHeaders,
    httpVersion: req.httpVersion,
    remoteAddress: req.socket.remoteAddress,
    localPort: req.socket.localPort ?? 0,
  };
}

/**
 * Builds the payload format 2.0 event, with the keys real events carry and none that they omit:
 * no `cookies`, `queryStringParameters`, `body`, `pathParameters` or `stageVariables` when empty,
 * and no `requestContext.authorizer` (added by `withAuthorizer` once an authorizer allowed the
 * request) (aws/aws-lambda-go `events/testdata/apigw-v2-request-no-authorizer.json`). Keys come in
 * the order of the AWS doc's example event.
 *
 * @example
 * const event = buildEvent(requestHeadOf(req), body, {
 *   requestId: newRequestId(), now: new Date(), accountId: '000000000000', apiId: 'windtunnel',
 * });
 */
export function buildEvent(
  head: RequestHead,
  body: Buffer,
  options: EventOptions,
): APIGatewayProxyEventV2 {
  const { rawPath, rawQueryString } = splitTarget(head.url);
  const { headers, cookies } = collectHeaders(head.rawHeaders);
  const contentType = headers['content-type'];
  const sourceIp = clientIp(head.remoteAddress);
  addGatewayHeaders(headers, {
    sourceIp,
    port: head.localPort,
    bodyLength: body.length,
    now: options.now,
  });
  const domainName = options.domainName ?? hostName(headers.host);
  const queryStringParameters = parseQuery(rawQueryString);
  const { body: eventBody, isBase64Encoded } = encodeBody(body, contentType);
  const routeKey = options.routeKey ?? '$default';
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 && { cookies }),
    headers,
    ...(queryStringParameters && { queryStringParameters }),
    requestContext: {
      accountId: options.accountId,
      apiId: options.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: head.method,
        path: rawPath,
        protocol: `HTTP/${head.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: options.requestId,
      routeKey,
      stage: options.stage ?? '$default',
      time: formatClfTime(options.now),
      timeEpoch: options.now.getTime(),
    },
    ...(eventBody !== undefined && { body: eventBody }),
    ...(nonEmpty(options.pathParameters) && { pathParameters: options.pathParameters }),
    isBase64Encoded,
    ...(nonEmpty(options.stageVariables) && { stageVariables: options.stageVariables }),
  };
}

function nonEmpty(record: Record<string, string> | undefined): record is Record<string, string> {
  return record !== undefined && Object.keys(record).length > 0;
}

/**
 * A copy of the event with `requestContext.authorizer` set to what the authorizer allowed
 * (`{ jwt: { claims, scopes } }` or `{ lambda: context }`), placed after `apiId` as in captured
 * events (powertools `apigw-http/jwt-authorizer-auth.json`).
 */
export function withAuthorizer(
  event: APIGatewayProxyEventV2,
  authorizer: Record<string, unknown>,
): APIGatewayProxyEventV2 {
  const { accountId, apiId, ...rest } = event.requestContext;
  const requestContext = { accountId, apiId, authorizer, ...rest };
  return { ...event, requestContext };
}

/** Node reports IPv4 clients of a dual-stack socket as `::ffff:1.2.3.4`; AWS shows `1.2.3.4`. */
function clientIp(remoteAddress: string | undefined): string {
  if (!remoteAddress) return '127.0.0.1';
  return remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
}

/** `host` without its port (`localhost:3000` -> `localhost`, `[::1]:3000` -> `[::1]`). */
function hostName(host: string | undefined): string {
  if (!host) return 'localhost';
  const match = /^(\[[^\]]*\]|[^:]*)/.exec(host);
  return match?.[1] || 'localhost';
}
