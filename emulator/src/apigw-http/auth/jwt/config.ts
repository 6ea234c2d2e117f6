import type { JsonWebKey } from 'node:crypto';
import { AuthorizerConfigError } from '../errors.js';
import { parseIdentitySource, type IdentitySource } from '../identitySource.js';

/** Where the authorizer finds the issuer's public keys. A `file` path is relative to the cwd. */
export type JwksSource = { file: string } | { url: string } | { keys: JsonWebKey[] };

/** An HTTP API JWT authorizer, as `aws apigatewayv2 create-authorizer --authorizer-type JWT` takes it. */
export interface JwtAuthorizerConfig {
  name: string;
  type: 'JWT';
  /** Where the token is; default `$request.header.Authorization`. */
  identitySource?: string;
  /** Must equal the token's `iss`, character for character. */
  issuer: string;
  /** The token's `aud` (or, without `aud`, its `client_id`) must match one of these. */
  audience: string[];
  jwks: JwksSource;
}

/** Test and tuning knobs; the defaults are AWS's quotas. */
export interface JwtAuthorizerOptions {
  /** Milliseconds since the epoch; injected by tests to move past `exp` and cache expiry. */
  now?: () => number;
  /** Resolves `jwks.file`; default `process.cwd()`. */
  cwd?: string;
  /** How long fetched keys are trusted before the next fetch; default 5 minutes. */
  jwksCacheMs?: number;
  /** AWS quota "JWKS timeout": 1500 ms (doc_source/limits.md). */
  jwksTimeoutMs?: number;
  /** AWS quota "JWKS response size": 150000 bytes (doc_source/limits.md). */
  jwksMaxBytes?: number;
}

export const JWKS_DEFAULTS = { cacheMs: 5 * 60_000, timeoutMs: 1500, maxBytes: 150_000 } as const;

export const DEFAULT_JWT_IDENTITY_SOURCE = '$request.header.Authorization';

/** Checks what CreateAuthorizer would refuse; returns the parsed identity source. */
export function validateJwtConfig(config: JwtAuthorizerConfig): IdentitySource {
  const where = `JWT authorizer "${config.name}"`;
  if (typeof config.issuer !== 'string' || config.issuer === '') {
    throw new AuthorizerConfigError(`${where}: issuer is required`);
  }
  if (!Array.isArray(config.audience) || config.audience.length === 0) {
    throw new AuthorizerConfigError(`${where}: audience needs at least one entry`);
  }
  if (!config.jwks || !('file' in config.jwks || 'url' in config.jwks || 'keys' in config.jwks)) {
    throw new AuthorizerConfigError(`${where}: jwks must be { file }, { url } or { keys }`);
  }
  try {
    return parseIdentitySource(config.identitySource ?? DEFAULT_JWT_IDENTITY_SOURCE);
  } catch (err) {
    throw new AuthorizerConfigError(`${where}: ${(err as Error).message}`);
  }
}
