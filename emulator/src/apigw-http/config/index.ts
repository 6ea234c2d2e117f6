/**
 * The gateway config file: its types, the pure validator and the file loader.
 *
 * @example
 * const config = await loadGatewayConfig('gateway.json'); // throws GatewayConfigError naming paths
 */
export { loadGatewayConfig, resolveFiles } from './load.js';
export { validateGatewayConfig } from './validate.js';
export { GatewayConfigError } from './checker.js';
export {
  parseRouteKey,
  ROUTE_METHODS,
  type ParsedRouteKey,
  type PathSegment,
  type RouteMethod,
} from './routeKey.js';
export {
  DEFAULT_THROTTLE,
  INTEGRATION_TIMEOUT_MS,
  type AuthorizerSettings,
  type CorsSettings,
  type FunctionSettingsConfig,
  type GatewayConfig,
  type GatewayConfigInput,
  type JwksSource,
  type JwtAuthorizerSettings,
  type LambdaAuthorizerSettings,
  type RouteSettings,
  type ThrottleSettings,
} from './types.js';
