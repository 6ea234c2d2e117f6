import type { CorsConfig } from './config.js';

/** A request header by name, whatever case the caller's record uses. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

/**
 * The `access-control-allow-origin` headers for a request from `origin`, or `undefined` when the
 * origin is not allowed. A `*` configuration answers `*` (it is only allowed without credentials);
 * a list of origins reflects the one that matched, since the header can carry a single origin,
 * and adds `vary: origin` so caches keep the answers apart. Origins compare case-insensitively
 * (scheme and host are case-insensitive in URLs).
 */
export function originHeaders(
  config: CorsConfig,
  origin: string | undefined,
): Record<string, string> | undefined {
  if (origin === undefined || origin === '') return undefined;
  const allowed = config.allowOrigins ?? [];
  if (allowed.includes('*') && !config.allowCredentials) {
    return { 'access-control-allow-origin': '*' };
  }
  const wanted = origin.toLowerCase();
  if (!allowed.some((candidate) => candidate.toLowerCase() === wanted)) return undefined;
  return {
    'access-control-allow-origin': origin,
    vary: 'origin',
    ...(config.allowCredentials && { 'access-control-allow-credentials': 'true' }),
  };
}
