import { gatewayError, type GatewayResponse } from './errors.js';
import { responseHeaders } from './responseHeaders.js';

/**
 * Lambda's synchronous response limit, 6 MB (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html),
 * taken as 6 MiB. The runtime's own error message cites 6291556 bytes (DataBiosphere/azul#8258);
 * the 100-byte difference does not matter to any realistic test. Over the limit the function
 * "fails", and an HTTP API answers a failed invoke with 500 (our choice; NOT CONFIRMED).
 */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6 * 1024 * 1024;

export interface MappedResponse {
  response: GatewayResponse;
  /** Why the result was turned into a 500; for the log line, never for the client. */
  problem?: string;
}

/**
 * Maps a handler's result to the HTTP response per payload format 2.0
 * (AWS doc http-api-develop-integrations-lambda.md, "Lambda function response for format 2.0").
 *
 * The result first goes through JSON, as it would between the Lambda runtime and API Gateway:
 * `undefined` fields vanish, `undefined` itself becomes `null`, a `Date` becomes a string, and a
 * circular or BigInt result is a function error.
 *
 * @example
 * toGatewayResponse('hi', id);            // 200, content-type application/json, body `hi`
 * toGatewayResponse({ ok: true }, id);    // 200, body `{"ok":true}`
 * toGatewayResponse({ statusCode: 201, cookies: ['a=1'] }, id); // 201, set-cookie: a=1
 */
export function toGatewayResponse(result: unknown, requestId: string): MappedResponse {
  let payload: string;
  try {
    payload = JSON.stringify(result) ?? 'null';
  } catch (err) {
    return failed(requestId, `result is not JSON-serializable: ${(err as Error).message}`);
  }
  const size = Buffer.byteLength(payload);
  if (size > LAMBDA_RESPONSE_LIMIT_BYTES) {
    return failed(requestId, `response payload of ${size} bytes exceeds Lambda's 6 MB limit`);
  }
  const value: unknown = JSON.parse(payload);
  if (!isPlainObject(value) || !('statusCode' in value)) {
    return { response: inferred(typeof value === 'string' ? value : payload, requestId) };
  }
  const structured = structuredResponse(value, requestId);
  return typeof structured === 'string' ? failed(requestId, structured) : { response: structured };
}

/** "If your Lambda function returns valid JSON and doesn't return a statusCode": 200, JSON, body as is. */
function inferred(body: string, requestId: string): GatewayResponse {
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'apigw-requestid': requestId },
    body: Buffer.from(body),
  };
}

interface StructuredResult {
  statusCode: number;
  headers: Record<string, unknown> | null;
  body: string | null;
  isBase64Encoded: boolean | null;
  cookies: string[] | null;
}

/**
 * What a `{ statusCode, headers, body, isBase64Encoded, cookies }` result must look like; anything
 * else is a malformed response, which HTTP APIs answer with 500 (AWS doc
 * http-api-troubleshooting-lambda.md: "verify that your Lambda function returns a response in the
 * required format"). `null` counts as absent (what a JSON deserializer on AWS's side would do;
 * NOT CONFIRMED), so does a field JSON dropped because it was `undefined`.
 */
const FIELD_RULES: [keyof StructuredResult, (value: unknown) => boolean, string][] = [
  [
    'statusCode',
    (v) => Number.isInteger(v) && Number(v) >= 100 && Number(v) <= 599,
    'an integer from 100 to 599',
  ],
  ['headers', (v) => v === null || isPlainObject(v), 'an object'],
  ['body', (v) => v === null || typeof v === 'string', 'a string'],
  ['isBase64Encoded', (v) => v === null || typeof v === 'boolean', 'a boolean'],
  [
    'cookies',
    (v) => v === null || (Array.isArray(v) && v.every((c) => typeof c === 'string')),
    'an array of strings',
  ],
];

/**
 * The response for a structured result, or why it is malformed. With no `content-type` none is
 * added; AWS has been seen adding `text/plain; charset=utf-8` (research note section 1.4), NOT CONFIRMED.
 */
function structuredResponse(
  result: Record<string, unknown>,
  requestId: string,
): GatewayResponse | string {
  for (const [field, valid, expected] of FIELD_RULES) {
    const value = result[field] ?? null;
    if (!valid(value)) return `${field} must be ${expected}, got ${JSON.stringify(value)}`;
  }
  const { statusCode, headers, body, isBase64Encoded, cookies } =
    result as unknown as StructuredResult;
  const outHeaders = responseHeaders(headers ?? {}, cookies ?? []);
  if (typeof outHeaders === 'string') return outHeaders;
  outHeaders['apigw-requestid'] = requestId;
  const bytes = Buffer.from(body ?? '', isBase64Encoded === true ? 'base64' : 'utf8');
  return { statusCode, headers: outHeaders, body: bytes };
}

function failed(requestId: string, problem: string): MappedResponse {
  return { response: gatewayError('internal', requestId), problem };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
