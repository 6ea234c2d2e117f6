import type { AuthorizationDecision } from '../types.js';

/**
 * Refusals shaped like API Gateway's. The one published example is
 * `www-authenticate: Bearer scope="" error="invalid_token" error_description="the token does not
 * have a valid audience"` with `401 {"message":"Unauthorized"}` (doc http-api-troubleshooting-jwt).
 * AWS publishes no other description; ours follow the same wording ("the token ...").
 *
 * `scope` carries the route's required scopes (RFC 6750 section 3), empty when the route has none,
 * as in AWS's example.
 */
export function invalidToken(
  description: string,
  requiredScopes: readonly string[],
  reason: string = description,
): AuthorizationDecision {
  const header =
    `Bearer scope="${quoted(requiredScopes.join(' '))}" error="invalid_token" ` +
    `error_description="${quoted(description)}"`;
  return { allow: false, status: 401, headers: { 'www-authenticate': header }, reason };
}

/** No token at all: a bare challenge, as RFC 6750 section 3.1 asks when no credentials were sent. */
export function missingToken(): AuthorizationDecision {
  return {
    allow: false,
    status: 401,
    headers: { 'www-authenticate': 'Bearer' },
    reason: 'no token in the identity source',
  };
}

/**
 * A valid token without any of the route's scopes. The status AWS uses is NOT CONFIRMED by an AWS
 * source. We answer 403 (the pipeline writes `{"message":"Forbidden"}`) with
 * `error="insufficient_scope"`: RFC 6750 section 3.1 prescribes 403 for that error, and floci
 * (floci-io/floci#2011, built against captures from a live HTTP API) answers a scope mismatch with
 * 403 and every other token failure with 401. The token is genuine, so "authenticate again" (401)
 * would mislead the client.
 */
export function insufficientScope(requiredScopes: readonly string[]): AuthorizationDecision {
  const header =
    `Bearer scope="${quoted(requiredScopes.join(' '))}" error="insufficient_scope" ` +
    'error_description="the token does not have a required scope"';
  return {
    allow: false,
    status: 403,
    headers: { 'www-authenticate': header },
    reason: `the token has none of the scopes ${requiredScopes.join(', ')}`,
  };
}

/** Keeps a configured scope from breaking out of its quoted-string. */
function quoted(text: string): string {
  return text.replace(/["\\]/g, '');
}
