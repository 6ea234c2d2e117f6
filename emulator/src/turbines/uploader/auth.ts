import { mintToken } from '../../apigw-http/auth/jwt/mint.js';
import { loadOrCreateKeys } from '../../commands/token.js';

/**
 * How requests prove who sends them, as a real device would behind the JWT authorizer:
 * - `mint`: every project gets its own device token (`sub` = the project id, which is the
 *   `turbine_id` it writes), signed with the local dev key, so the app's rule "a device writes
 *   only its own turbine" is exercised exactly as in production;
 * - `token`: one ready token for all (for a gateway token with `turbines: '*'`);
 * - `none`: no header (a stack started with DEVICE_AUTH=off).
 */
export type AuthOptions =
  | { mode: 'none' }
  | { mode: 'token'; token: string }
  | { mode: 'mint'; keysDir: string; issuer: string; audience: string; ttlSeconds?: number };

/** The `authorization` header value for a project's requests, or undefined for none. */
export type AuthHeader = (project: string) => string | undefined;

/**
 * @example
 * const auth = await createAuth({ mode: 'mint', keysDir: '.windtunnel/keys', issuer, audience });
 * auth('NL-0001'); // 'Bearer eyJ...'
 */
export async function createAuth(
  options: AuthOptions,
  now: () => number = Date.now,
): Promise<AuthHeader> {
  if (options.mode === 'none') return () => undefined;
  if (options.mode === 'token') return () => `Bearer ${options.token}`;
  const keys = await loadOrCreateKeys(options.keysDir);
  const ttl = options.ttlSeconds ?? 3600;
  const cache = new Map<string, { header: string; exp: number }>();
  return (project) => {
    const seconds = Math.floor(now() / 1000);
    const cached = cache.get(project);
    // Renew with a tenth of the lifetime left, so a token never expires in flight.
    if (cached && cached.exp - seconds > ttl / 10) return cached.header;
    const exp = seconds + ttl;
    const claims = { iss: options.issuer, aud: options.audience, sub: project, iat: seconds, exp };
    const header = `Bearer ${mintToken(keys.privateKey, keys.kid, claims)}`;
    cache.set(project, { header, exp });
    return header;
  };
}
