import type { CorsConfig } from './config.js';
import { header, originHeaders } from './origin.js';

export interface PreflightAnswer {
  status: number;
  headers: Record<string, string>;
}

/**
 * The gateway's own answer to a CORS preflight, or `undefined` when the request is not one
 * (not `OPTIONS`, or no `origin` / `access-control-request-method`): then it is routed like any
 * request. "If you configure CORS for an API, API Gateway automatically sends a response to
 * preflight OPTIONS requests, even if there isn't an OPTIONS route configured" (AWS doc
 * http-api-cors), so the pipeline calls this before route matching and authorizers.
 *
 * Choices where AWS is NOT CONFIRMED:
 * - status 204 No Content: the answer has no body, 204 says so, and it is what most CORS
 *   middleware and the CDK's REST API preflight default use; browsers accept any 2xx.
 * - an origin that is not allowed still gets 204, with no CORS headers at all: the browser then
 *   blocks the real request, which is the observable effect that matters.
 * - the configured methods and headers are sent as configured, whatever was requested; the
 *   browser compares them with its request. With credentials a `*` cannot act as a wildcard
 *   (Fetch standard), so `*` methods or headers reflect what the browser asked for.
 *
 * @example
 * preflight({ allowOrigins: ['https://app.example'], allowMethods: ['POST'] }, 'OPTIONS',
 *   { origin: 'https://app.example', 'access-control-request-method': 'POST' });
 * // { status: 204, headers: { 'access-control-allow-origin': 'https://app.example', vary: 'origin',
 * //   'access-control-allow-methods': 'POST' } }
 */
export function preflight(
  config: CorsConfig,
  method: string,
  headers: Record<string, string>,
): PreflightAnswer | undefined {
  const origin = header(headers, 'origin');
  const requestedMethod = header(headers, 'access-control-request-method');
  if (method.toUpperCase() !== 'OPTIONS' || !origin || !requestedMethod) return undefined;
  const allowOrigin = originHeaders(config, origin);
  if (!allowOrigin) return { status: 204, headers: {} };
  const requestedHeaders = header(headers, 'access-control-request-headers');
  const answer: Record<string, string> = { ...allowOrigin };
  const methods = listValue(config.allowMethods, requestedMethod, config.allowCredentials);
  const allowHeaders = listValue(config.allowHeaders, requestedHeaders, config.allowCredentials);
  if (methods) answer['access-control-allow-methods'] = methods;
  if (allowHeaders) answer['access-control-allow-headers'] = allowHeaders;
  if (config.maxAge !== undefined) answer['access-control-max-age'] = String(config.maxAge);
  return { status: 204, headers: answer };
}

function listValue(
  configured: string[] | undefined,
  requested: string | undefined,
  credentials: boolean | undefined,
): string | undefined {
  if (!configured || configured.length === 0) return undefined;
  if (credentials && configured.includes('*')) return requested || undefined;
  return configured.join(',');
}
