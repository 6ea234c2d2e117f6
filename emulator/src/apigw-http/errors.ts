/** What the shim writes to the client: status, headers (an array for repeated `set-cookie`), bytes. */
export interface GatewayResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * The gateway's own error bodies, exactly as HTTP APIs send them: `{"message":"..."}` with
 * `content-type: application/json` and the request's `apigw-requestid`.
 * - 500 `Internal Server Error`: function error, malformed result, unusable integration
 *   (AWS doc http-api-troubleshooting-lambda.md). Note the capital S: REST APIs say "Internal server error".
 * - 413 `Request Entity Too Large`: body over the 10 MB quota. AWS's status and body for HTTP APIs
 *   are NOT CONFIRMED (a REST capture in koki-develop/lgtm-generator#10 shows a plain-text 413).
 * - 413 `Request Too Long`: the event is over Lambda's 6 MB invoke limit (e.g. a 5 MB binary body,
 *   which base64 makes 6.7 MB). The only capture is from a REST API (same issue); NOT CONFIRMED
 *   for HTTP APIs. No capture of an HTTP API's 413 was found either (searched again for this
 *   issue: GitHub issues and web pages for "HTTP API" with "413", "Request Entity Too Large" and
 *   "Payload Too Large"), so 413 stays: it is the status HTTP defines for the case and the one
 *   REST APIs use; the JSON body keeps every gateway error the same shape.
 * - 404 `Not Found`: no stage or no route matches (AWS doc http-api-develop-routes.md).
 * - 401 `Unauthorized`, 403 `Forbidden`: an authorizer refused (AWS doc
 *   http-api-troubleshooting-jwt.md shows the 401; the 403 body is NOT CONFIRMED).
 * - 429 `Too Many Requests`: throttled (AWS doc http-api-throttling.md gives the status; the body
 *   is NOT CONFIRMED).
 * - 503 `Service Unavailable`: the integration timed out (raw dump in cortexlabs/cortex#1225).
 */
export const GATEWAY_ERRORS = {
  internal: { statusCode: 500, message: 'Internal Server Error' },
  tooLarge: { statusCode: 413, message: 'Request Entity Too Large' },
  eventTooLarge: { statusCode: 413, message: 'Request Too Long' },
  notFound: { statusCode: 404, message: 'Not Found' },
  unauthorized: { statusCode: 401, message: 'Unauthorized' },
  forbidden: { statusCode: 403, message: 'Forbidden' },
  throttled: { statusCode: 429, message: 'Too Many Requests' },
  unavailable: { statusCode: 503, message: 'Service Unavailable' },
} as const;

export type GatewayErrorKind = keyof typeof GATEWAY_ERRORS;

/** The one place that serializes a gateway error; `extraHeaders` such as `www-authenticate` go first. */
export function gatewayError(
  kind: GatewayErrorKind,
  requestId: string,
  extraHeaders: Record<string, string> = {},
): GatewayResponse {
  const { statusCode, message } = GATEWAY_ERRORS[kind];
  return {
    statusCode,
    headers: { ...extraHeaders, 'content-type': 'application/json', 'apigw-requestid': requestId },
    body: Buffer.from(JSON.stringify({ message })),
  };
}
