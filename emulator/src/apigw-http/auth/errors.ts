/**
 * A bad authorizer setting (unknown identity source, TTL out of range, ...), found when the
 * authorizer is created rather than on the first request.
 *
 * Its `name` is `ConfigError` on purpose: the CLI already reports errors of that name as a bad
 * configuration (exit code 2, message only, no stack).
 *
 * @example
 * throw new AuthorizerConfigError('authorizer "devices": resultTtlInSeconds must be 0..3600');
 */
export class AuthorizerConfigError extends Error {
  override readonly name = 'ConfigError';
}
