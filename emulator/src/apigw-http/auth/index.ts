/**
 * Authorizers for the HTTP API shim. The pipeline matches a route, then asks the route's
 * `Authorizer` for an `AuthorizationDecision` (see `types.ts`):
 * - `createJwtAuthorizer(config, options?)`: JWT authorizer, RS256/384/512 against a JWKS
 *   (file, URL or inline keys); refusals are 401 + `www-authenticate`, a missing route scope 403.
 * - `createLambdaAuthorizer(config, invoke, options?)`: Lambda REQUEST authorizer, payload 2.0,
 *   simple or IAM responses, identity sources, result cache; deny 403, failure or timeout 500.
 *
 * Both throw `AuthorizerConfigError` (name `ConfigError`) for settings AWS would refuse.
 *
 * @example
 * import { createJwtAuthorizer, createLambdaAuthorizer } from './auth/index.js';
 * const jwt = createJwtAuthorizer({ name: 'devices', type: 'JWT', issuer: 'https://windtunnel.local/',
 *   audience: ['windtunnel'], jwks: { file: '.windtunnel/jwks.json' } });
 * const decision = await jwt.authorize({ event, routeArn, authorizationScopes: ['telemetry:write'] });
 * if (decision.allow) event.requestContext.authorizer = decision.authorizer;
 */
export type { AuthorizationDecision, AuthorizationRequest, Authorizer } from './types.js';
export { AuthorizerConfigError } from './errors.js';
export { parseIdentitySource, readIdentitySource, type IdentitySource } from './identitySource.js';
export {
  createJwtAuthorizer,
  claimStrings,
  jwksOf,
  jwkThumbprint,
  mintToken,
  DEFAULT_JWT_IDENTITY_SOURCE,
  JWKS_DEFAULTS,
  type JwksSource,
  type JwtAuthorizerConfig,
  type JwtAuthorizerOptions,
  type JwtClaims,
} from './jwt/index.js';
export {
  createLambdaAuthorizer,
  LAMBDA_AUTHORIZER_LIMITS,
  type InvokeAuthorizer,
  type LambdaAuthorizerConfig,
  type LambdaAuthorizerOptions,
} from './lambda/index.js';
