import { readIdentitySource } from '../identitySource.js';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer } from '../types.js';
import { invalidToken, insufficientScope, missingToken } from './challenge.js';
import { claimStrings } from './claimStrings.js';
import { checkClaims } from './claims.js';
import {
  JWKS_DEFAULTS,
  validateJwtConfig,
  type JwtAuthorizerConfig,
  type JwtAuthorizerOptions,
} from './config.js';
import { decodeJwt } from './decode.js';
import { createKeyStore, type KeyStore } from './keyStore.js';
import { hasRequiredScope, tokenScopes } from './scopes.js';
import { isSupportedAlgorithm, verifyRsaSignature } from './signature.js';

/**
 * An HTTP API JWT authorizer that really verifies tokens, in AWS's order (doc
 * http-api-jwt-authorizer): read the identity source (`Bearer ` optional), decode, check the
 * algorithm (RS256/384/512 only), find the key by `kid`, verify the signature, then `iss`,
 * `aud`/`client_id`, `exp`, `nbf`, `iat` and the route's scopes. Any failure is a 401 with a
 * `www-authenticate` challenge; a missing scope is a 403 (see `insufficientScope`).
 *
 * On success `requestContext.authorizer` is `{ jwt: { claims, scopes } }`, claims as strings.
 * `scopes` is `null` unless the route requires scopes, even when the token carries some: that is
 * what live events show (DefinitelyTyped#75458: a `scope` claim next to `"scopes": null`;
 * aws/aws-lambda-go#317; floci-io/floci#2011). On a route with scopes it lists the token's scopes.
 *
 * JWKS failures (unreachable, slower than 1500 ms, over 150000 bytes, not a JWK Set) refuse the
 * request with 401: the token cannot be verified, and API Gateway never lets an unverified token
 * through. Which status AWS uses then is NOT CONFIRMED.
 *
 * @example
 * const authorizer = createJwtAuthorizer({
 *   name: 'devices', type: 'JWT', issuer: 'https://windtunnel.local/', audience: ['windtunnel'],
 *   jwks: { file: '.windtunnel/jwks.json' },
 * });
 * const decision = await authorizer.authorize({ event, routeArn, authorizationScopes: ['telemetry:write'] });
 */
export function createJwtAuthorizer(
  config: JwtAuthorizerConfig,
  options: JwtAuthorizerOptions = {},
): Authorizer {
  const source = validateJwtConfig(config);
  const now = options.now ?? Date.now;
  const keys = createKeyStore(config.jwks, {
    cacheMs: options.jwksCacheMs ?? JWKS_DEFAULTS.cacheMs,
    timeoutMs: options.jwksTimeoutMs ?? JWKS_DEFAULTS.timeoutMs,
    maxBytes: options.jwksMaxBytes ?? JWKS_DEFAULTS.maxBytes,
    cwd: options.cwd ?? process.cwd(),
    now,
  });
  return {
    name: config.name,
    async authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> {
      const raw = readIdentitySource(source, request.event);
      if (raw === undefined) return missingToken();
      return verifyToken(bearerToken(raw), request.authorizationScopes ?? [], {
        config,
        keys,
        now,
      });
    },
  };
}

interface Verifier {
  config: JwtAuthorizerConfig;
  keys: KeyStore;
  now: () => number;
}

async function verifyToken(
  token: string,
  required: readonly string[],
  { config, keys, now }: Verifier,
): Promise<AuthorizationDecision> {
  const decoded = decodeJwt(token);
  if (!decoded) return invalidToken('the token is malformed', required);
  const { alg, kid } = decoded.header;
  if (!isSupportedAlgorithm(alg)) {
    return invalidToken('the token signing algorithm is not supported', required, `alg ${alg}`);
  }
  const lookup = await keys.find(kid);
  if ('problem' in lookup) {
    return lookup.problem === 'unknown-key'
      ? invalidToken('the token signing key was not found', required, `no key for kid ${kid}`)
      : invalidToken('the signing keys could not be retrieved', required, lookup.detail);
  }
  const { found } = lookup;
  const keyAllows = found.alg === undefined || found.alg === alg;
  if (!keyAllows || !verifyRsaSignature(alg, decoded.signingInput, decoded.signature, found.key)) {
    return invalidToken('the token signature is invalid', required);
  }
  const rules = { issuer: config.issuer, audience: config.audience, nowSeconds: now() / 1000 };
  const claimProblem = checkClaims(decoded.payload, rules);
  if (claimProblem) return invalidToken(claimProblem, required);
  const granted = tokenScopes(decoded.payload);
  if (!hasRequiredScope(granted, required)) return insufficientScope(required);
  const scopes = required.length > 0 ? granted : null;
  return { allow: true, authorizer: { jwt: { claims: claimStrings(decoded.payload), scopes } } };
}

/** The identity source may hold the token itself or `Bearer <token>` (doc http-api-jwt-authorizer). */
function bearerToken(value: string): string {
  return value.replace(/^bearer\s+/i, '').trim();
}
