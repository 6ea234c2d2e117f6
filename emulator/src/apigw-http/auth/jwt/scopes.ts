/**
 * The scopes a token carries: the OAuth `scope` claim (space-separated) and the `scp` claim
 * (an array, as Okta and Entra ID send it, or a space-separated string). AWS checks "scope or scp"
 * (doc http-api-jwt-authorizer); when a token has both we take the union.
 *
 * @example
 * tokenScopes({ scope: 'read write' }); // ['read', 'write']
 * tokenScopes({ scp: ['read'] });        // ['read']
 */
export function tokenScopes(payload: Record<string, unknown>): string[] {
  const scopes = [...split(payload.scope), ...split(payload.scp)];
  return [...new Set(scopes)];
}

function split(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ').filter((scope) => scope !== '');
  if (Array.isArray(claim))
    return claim.filter((scope): scope is string => typeof scope === 'string');
  return [];
}

/** "If you configure scopes for a route, the token must include at least one of the route's scopes." */
export function hasRequiredScope(granted: readonly string[], required: readonly string[]): boolean {
  return required.length === 0 || required.some((scope) => granted.includes(scope));
}
