import { AuthorizerConfigError } from '../errors.js';
import { parseIdentitySource, type IdentitySource } from '../identitySource.js';

/** An HTTP API Lambda (REQUEST) authorizer with payload format 2.0. */
export interface LambdaAuthorizerConfig {
  name: string;
  type: 'REQUEST';
  /** e.g. `['$request.header.Authorization', '$request.querystring.token']`. */
  identitySource?: string[];
  /** `{ isAuthorized, context }` responses instead of IAM policies; default false. */
  enableSimpleResponses?: boolean;
  /** Default 300, at most 3600; 0 disables the cache. */
  resultTtlInSeconds?: number;
  /** Default and maximum 10000: AWS's "Lambda authorizer response timeout" quota. */
  timeoutMs?: number;
}

export interface LambdaAuthorizerOptions {
  /** Milliseconds since the epoch; injected by tests to expire cached results. */
  now?: () => number;
}

export interface ResolvedLambdaConfig {
  name: string;
  sources: IdentitySource[];
  simpleResponses: boolean;
  ttlMs: number;
  timeoutMs: number;
}

/** Quotas from doc_source/limits.md and the CreateAuthorizer reference. */
export const LAMBDA_AUTHORIZER_LIMITS = {
  defaultTtlSeconds: 300,
  maxTtlSeconds: 3600,
  timeoutMs: 10_000,
} as const;

/**
 * Applies the defaults and refuses what CreateAuthorizer refuses: a TTL outside 0..3600, and
 * caching asked for explicitly without an identity source (the cache key is made of them). When
 * the TTL is only defaulted and there is no identity source, caching is simply off.
 */
export function resolveLambdaConfig(config: LambdaAuthorizerConfig): ResolvedLambdaConfig {
  const where = `Lambda authorizer "${config.name}"`;
  const expressions = config.identitySource ?? [];
  const ttl = config.resultTtlInSeconds ?? LAMBDA_AUTHORIZER_LIMITS.defaultTtlSeconds;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > LAMBDA_AUTHORIZER_LIMITS.maxTtlSeconds) {
    throw new AuthorizerConfigError(`${where}: resultTtlInSeconds must be an integer 0..3600`);
  }
  if (expressions.length === 0 && (config.resultTtlInSeconds ?? 0) > 0) {
    throw new AuthorizerConfigError(`${where}: caching needs at least one identitySource`);
  }
  const timeoutMs = config.timeoutMs ?? LAMBDA_AUTHORIZER_LIMITS.timeoutMs;
  if (!(timeoutMs > 0 && timeoutMs <= LAMBDA_AUTHORIZER_LIMITS.timeoutMs)) {
    throw new AuthorizerConfigError(`${where}: timeoutMs must be 1..10000`);
  }
  let sources: IdentitySource[];
  try {
    sources = expressions.map(parseIdentitySource);
  } catch (err) {
    throw new AuthorizerConfigError(`${where}: ${(err as Error).message}`);
  }
  return {
    name: config.name,
    sources,
    simpleResponses: config.enableSimpleResponses ?? false,
    ttlMs: sources.length > 0 ? ttl * 1000 : 0,
    timeoutMs,
  };
}
