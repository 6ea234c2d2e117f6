import { newTraceId } from './time.js';

/**
 * Connection-scoped headers a proxy consumes instead of forwarding (RFC 9110 section 7.6.1). API
 * Gateway buffers the whole body, so `transfer-encoding: chunked` would also be a lie to the handler.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'transfer-encoding',
  'upgrade',
]);

export interface CollectedHeaders {
  /** Lower-cased names; repeated headers joined with `,` and no space, as format 2.0 does. */
  headers: Record<string, string>;
  /** One element per `name=value` pair of every `cookie` header; empty when there were none. */
  cookies: string[];
}

/**
 * Folds Node's `rawHeaders` (`[name, value, name, value, ...]`) into the 2.0 `headers` and `cookies`.
 *
 * Why `rawHeaders` and not `req.headers`: Node drops repeats of some headers (e.g. `user-agent`,
 * `authorization`) and joins others with `, `; format 2.0 keeps every value joined with a bare `,`
 * (AWS doc http-api-develop-integrations-lambda.html: "Duplicate headers are combined with commas").
 *
 * The `cookie` header is removed from `headers` and moved to `cookies` (hattipjs/hattip#159, Kludex/mangum#153).
 * Splitting on `;` into one element per pair is NOT CONFIRMED by AWS; adapters (serverless-http,
 * serverless-express) re-join the array with `; `, which only round-trips if elements are pairs.
 */
export function collectHeaders(rawHeaders: readonly string[]): CollectedHeaders {
  // A Map, then fromEntries: a header named `constructor` or `__proto__` stays an ordinary key.
  const joined = new Map<string, string>();
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    const value = rawHeaders[i + 1] ?? '';
    const seen = joined.get(name);
    if (name === 'cookie') cookies.push(...splitCookies(value));
    else if (!HOP_BY_HOP.has(name))
      joined.set(name, seen === undefined ? value : `${seen},${value}`);
  }
  return { headers: Object.fromEntries(joined), cookies };
}

function splitCookies(header: string): string[] {
  return header
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '');
}

export interface GatewayHeaderInfo {
  sourceIp: string;
  /** The port the client connected to (AWS sends 443; the shim listens on plain HTTP). */
  port: number;
  bodyLength: number;
  now: Date;
}

/**
 * Adds the headers API Gateway itself puts on every request (captured events in aws/aws-lambda-go
 * and powertools): `content-length` (even `"0"` on a bodiless GET), `x-forwarded-for/port/proto` and
 * `x-amzn-trace-id`. We report the shim's real port and `http` rather than AWS's `443`/`https`, so
 * apps that build absolute URLs from them point back at the shim.
 *
 * NOT CONFIRMED: that a client's own `x-forwarded-for` is appended to (`client, ip`, as proxies do)
 * and a client's `x-amzn-trace-id` is kept; both are what ALB does and what X-Ray expects.
 */
export function addGatewayHeaders(headers: Record<string, string>, info: GatewayHeaderInfo): void {
  headers['content-length'] = String(info.bodyLength);
  const forwardedFor = headers['x-forwarded-for'];
  headers['x-forwarded-for'] = forwardedFor ? `${forwardedFor}, ${info.sourceIp}` : info.sourceIp;
  headers['x-forwarded-port'] = String(info.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] ??= newTraceId(info.now);
}
