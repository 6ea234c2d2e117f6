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
 *   for HTTP APIs.
 */
export const GATEWAY_ERRORS = {
  internal: { statusCode: 500, message: 'Internal Server Error' },
  tooLarge: { statusCode: 413, message: 'Request Entity Too Large' },
  eventTooLarge: { statusCode: 413, message: 'Request Too Long' },
} as const;

export type GatewayErrorKind = keyof typeof GATEWAY_ERRORS;

/** The one place that serializes a gateway error. */
export function gatewayError(kind: GatewayErrorKind, requestId: string): GatewayResponse {
  const { statusCode, message } = GATEWAY_ERRORS[kind];
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'apigw-requestid': requestId },
    body: Buffer.from(JSON.stringify({ message })),
  };
}
