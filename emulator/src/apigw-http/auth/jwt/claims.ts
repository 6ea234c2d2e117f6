/**
 * The registered-claim checks of an HTTP API JWT authorizer, in the order AWS lists them
 * (doc http-api-jwt-authorizer, "Validating a JWT"): `iss`, `aud`/`client_id`, `exp`, `nbf`, `iat`.
 * Each returns the `error_description` to send, or `undefined` when the claim holds.
 */

export interface ClaimRules {
  issuer: string;
  audience: readonly string[];
  /** Seconds since the epoch (fractional). */
  nowSeconds: number;
}

export function checkClaims(
  payload: Record<string, unknown>,
  rules: ClaimRules,
): string | undefined {
  if (payload.iss !== rules.issuer) return 'the token does not have a valid issuer';
  if (!hasValidAudience(payload, rules.audience)) return 'the token does not have a valid audience';
  return checkTimes(payload, rules.nowSeconds);
}

/**
 * "API Gateway validates client_id only if aud is not present. When both aud and client_id are
 * present, API Gateway evaluates aud." (doc http-api-troubleshooting-jwt). So a token with a wrong
 * `aud` is refused even when its `client_id` would match. `aud` may be a string or an array.
 */
function hasValidAudience(payload: Record<string, unknown>, audience: readonly string[]): boolean {
  if (payload.aud !== undefined) {
    const values = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    return values.some((value) => typeof value === 'string' && audience.includes(value));
  }
  return typeof payload.client_id === 'string' && audience.includes(payload.client_id);
}

/**
 * `exp` must be after now; `nbf` and `iat`, when present, must not be after now. No clock-skew
 * leeway: AWS documents none, and a token that works here only thanks to leeway would fail there.
 *
 * A token without `exp` is refused. NOT CONFIRMED for AWS (the doc lists `exp` among the checked
 * claims without saying whether it is required); we fail closed, because a token that never
 * expires is the riskier thing to let a developer rely on.
 */
function checkTimes(payload: Record<string, unknown>, now: number): string | undefined {
  const { exp, nbf, iat } = payload;
  if (typeof exp !== 'number') return 'the token does not have a valid expiry';
  if (exp <= now) return 'the token has expired';
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now))
    return 'the token is not valid yet';
  if (iat !== undefined && (typeof iat !== 'number' || iat > now)) {
    return 'the token was issued in the future';
  }
  return undefined;
}
