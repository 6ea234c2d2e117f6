import type { CorsConfig } from './config.js';
import { header, originHeaders } from './origin.js';

/**
 * The response headers of a non-preflight request once the gateway has applied CORS:
 * - every `access-control-*` header from the integration is removed, "API Gateway ignores CORS
 *   headers returned from your backend integration" (AWS doc http-api-cors);
 * - when the request's `origin` is allowed, the configured headers are added:
 *   `access-control-allow-origin` (and `vary: origin` when reflecting, merged into the backend's
 *   `vary`), `access-control-allow-credentials`, `access-control-expose-headers`.
 * Without a configuration (`undefined`) the headers come back untouched: no CORS header is
 * invented, and the backend's own CORS headers pass through, as on an API without CORS.
 *
 * Returns a new record; header names keep the backend's spelling, added ones are lower-case.
 *
 * @example
 * applyCors({ allowOrigins: ['*'] }, { origin: 'https://a.example' },
 *   { 'content-type': 'text/plain', 'Access-Control-Allow-Origin': 'https://evil.example' });
 * // { 'content-type': 'text/plain', 'access-control-allow-origin': '*' }
 */
export function applyCors<V extends string | string[] = string>(
  config: CorsConfig | undefined,
  requestHeaders: Record<string, string>,
  responseHeaders: Record<string, V>,
): Record<string, V | string> {
  if (config === undefined) return { ...responseHeaders };
  const result: Record<string, V | string> = Object.fromEntries(
    Object.entries(responseHeaders).filter(
      ([name]) => !name.toLowerCase().startsWith('access-control-'),
    ),
  );
  const allowed = originHeaders(config, header(requestHeaders, 'origin'));
  if (!allowed) return result;
  const { vary, ...cors } = allowed;
  Object.assign(result, cors);
  if (config.exposeHeaders && config.exposeHeaders.length > 0) {
    result['access-control-expose-headers'] = config.exposeHeaders.join(',');
  }
  if (vary) addVary(result, vary);
  return result;
}

/** Adds a `vary` token to whatever `vary` the backend sent, without duplicating it. */
function addVary<V>(headers: Record<string, V | string>, token: string): void {
  const key = Object.keys(headers).find((name) => name.toLowerCase() === 'vary') ?? 'vary';
  const existing = headers[key];
  const current = Array.isArray(existing) ? existing.join(',') : (existing as string | undefined);
  const tokens = (current ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (tokens.includes('*') || tokens.some((part) => part.toLowerCase() === token)) return;
  headers[key] = [...tokens, token].join(', ');
}
