/**
 * JWT authorizer for the HTTP API shim: RS256/384/512 tokens verified against a JWKS file, URL or
 * inline keys. See `createJwtAuthorizer` for the checks and the choices made where AWS is silent.
 *
 * @example
 * import { createJwtAuthorizer } from './auth/jwt/index.js';
 * const authorizer = createJwtAuthorizer({ name: 'devices', type: 'JWT', issuer, audience: ['windtunnel'], jwks: { url } });
 */
export { createJwtAuthorizer } from './jwtAuthorizer.js';
export {
  JWKS_DEFAULTS,
  DEFAULT_JWT_IDENTITY_SOURCE,
  type JwksSource,
  type JwtAuthorizerConfig,
  type JwtAuthorizerOptions,
} from './config.js';
export { claimStrings } from './claimStrings.js';
export { mintToken, jwkThumbprint, jwksOf, type JwtClaims } from './mint.js';
