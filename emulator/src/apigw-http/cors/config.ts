/**
 * An HTTP API's CORS configuration, the `CorsConfiguration` of CreateApi
 * (AWS doc http-api-cors; CloudFormation `AWS::ApiGatewayV2::Api Cors`).
 */
export interface CorsConfig {
  /** Exact origins (`https://app.example.com`) or `*`. */
  allowOrigins?: string[];
  allowMethods?: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAge?: number;
  allowCredentials?: boolean;
}

/** A CORS configuration CreateApi would refuse. Named `ConfigError` so the CLI reports it as such. */
export class CorsConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Refuses what AWS refuses when the API is created, so a configuration that cannot be deployed
 * cannot be used locally either: credentials with a `*` origin give
 * "allow-credentials is not supported if 'allow-origin' is *" (BadRequestException, quoted in
 * aws/aws-cdk#9076). Browsers would reject that combination anyway (Fetch standard, CORS check).
 *
 * @example
 * validateCorsConfig({ allowOrigins: ['*'], allowCredentials: true }); // throws CorsConfigError
 */
export function validateCorsConfig(config: CorsConfig): CorsConfig {
  const lists = ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders'] as const;
  for (const name of lists) {
    const list = config[name];
    if (list !== undefined && !(Array.isArray(list) && list.every((v) => typeof v === 'string'))) {
      throw new CorsConfigError(`cors.${name} must be a list of strings`);
    }
  }
  if (config.maxAge !== undefined && !(Number.isInteger(config.maxAge) && config.maxAge >= 0)) {
    throw new CorsConfigError('cors.maxAge must be a whole number of seconds');
  }
  if (config.allowCredentials && config.allowOrigins?.includes('*')) {
    throw new CorsConfigError("allow-credentials is not supported if 'allow-origin' is *");
  }
  return config;
}
