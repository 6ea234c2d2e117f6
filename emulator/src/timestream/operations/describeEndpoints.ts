import type { OperationContext } from './context.js';

/**
 * DescribeEndpoints (both APIs): the one endpoint that serves everything, i.e. this server.
 *
 * AWS answers a bare cell host name, `{"Address":"ingest-cell2.timestream.us-east-1.amazonaws.com",
 * "CachePeriodInMinutes":1440}` (async-aws/aws#1232). Clients use Address differently:
 * - the JS SDK v3 copies it into `request.hostname` only, keeping protocol and port of the
 *   endpoint it was configured with (middleware-endpoint-discovery; research §4.3). A `host:port`
 *   there would break the request, so by default we answer the Host header's host name alone;
 * - botocore prefixes `https://` unless Address starts with `http` (botocore/discovery.py,
 *   `discover_endpoint`), which would move it to TLS on port 443; so to a botocore User-Agent we
 *   answer the full `http://host:port` instead.
 * Most clients never ask: with an explicit endpoint URL, JS v3, botocore/AWS CLI, Ruby and Go skip
 * discovery (research §4.3).
 */
export async function describeEndpoints(
  _raw: unknown,
  context: OperationContext,
): Promise<unknown> {
  const host = context.host ?? '127.0.0.1';
  const address = /\bBotocore\//i.test(context.userAgent ?? '') ? `http://${host}` : hostname(host);
  return { Endpoints: [{ Address: address, CachePeriodInMinutes: CACHE_PERIOD_MINUTES }] };
}

/** AWS's value (async-aws/aws#1232; moto answers the same). */
export const CACHE_PERIOD_MINUTES = 1440;

/** The host part of a Host header: `127.0.0.1:8787` -> `127.0.0.1`, `[::1]:8787` -> `::1`. */
export function hostname(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed) return bracketed[1]!;
  return host.replace(/:\d+$/, '');
}
