import type { CorsConfig } from '../cors/config.js';

/**
 * The gateway config file: one HTTP API with one stage, written in AWS's own names so a route table
 * can be read next to the CloudFormation or `aws apigatewayv2` settings it mirrors.
 *
 * ```json
 * {
 *   "stage": "$default",
 *   "stageVariables": { "table": "turbines" },
 *   "throttle": { "rateLimit": 10000, "burstLimit": 5000 },
 *   "cors": { "allowOrigins": ["https://dashboard.example"], "allowMethods": ["GET", "POST"] },
 *   "authorizers": {
 *     "devices": { "type": "JWT", "issuer": "https://issuer.example", "audience": ["windtunnel"],
 *                  "jwks": { "file": "jwks.json" } },
 *     "custom": { "type": "REQUEST", "handler": "dist/authorizer.js#handler",
 *                 "identitySource": ["$request.header.Authorization"],
 *                 "enableSimpleResponses": true, "resultTtlInSeconds": 300 }
 *   },
 *   "function": { "handler": "dist/app/src/lambda.js#handler", "timeoutMs": 3000,
 *                 "reservedConcurrency": 10, "memoryMB": 128 },
 *   "routes": [
 *     { "routeKey": "POST /measurements", "authorizer": "devices",
 *       "authorizationScopes": ["telemetry/write"], "timeoutMs": 30000,
 *       "throttle": { "rateLimit": 100, "burstLimit": 50 } },
 *     { "routeKey": "GET /health" },
 *     { "routeKey": "$default" }
 *   ]
 * }
 * ```
 * - `stage`: `$default` (served at the root) or a name such as `dev`, served under `/dev`, whose
 *   prefix stays in `rawPath` (AWS doc http-api-stages.md; logandk/serverless-wsgi#191).
 * - `throttle`: the stage's default route throttling (token bucket); a route's own `throttle` is
 *   applied as well, like `RouteSettings` of `aws apigatewayv2 update-stage`.
 * - `routes[].timeoutMs`: the integration timeout, 50..30,000 ms, default 30,000 (AWS quota).
 * - `function`: the Lambda function behind every route (`<file>#<export>`). Relative files in the
 *   config (`handler`, `jwks.file`) are relative to the config file's folder.
 */

export interface ThrottleSettings {
  /** Steady-state requests per second (the bucket's refill rate); may be fractional. */
  rateLimit: number;
  /** Bucket capacity: how many requests may arrive at once. */
  burstLimit: number;
}

/** The field names of HTTP API `Cors` (AWS doc http-api-cors.md): the CORS module's own config. */
export type CorsSettings = CorsConfig;

export type JwksSource = { file: string } | { url: string } | { keys: unknown[] };

export interface JwtAuthorizerSettings {
  type: 'JWT';
  /** Where the token is; default `$request.header.Authorization`. */
  identitySource?: string[];
  issuer: string;
  audience: string[];
  jwks: JwksSource;
}

export interface LambdaAuthorizerSettings {
  type: 'REQUEST';
  /** The authorizer function, `<file>#<export>`; it gets its own pool of environments. */
  handler: string;
  identitySource?: string[];
  enableSimpleResponses?: boolean;
  /** 0..3600, default 300 (AWS API reference for `AuthorizerResultTtlInSeconds`). */
  resultTtlInSeconds?: number;
  /** How long the gateway waits for the authorizer; AWS's quota is 10,000 ms. */
  timeoutMs?: number;
}

export type AuthorizerSettings = JwtAuthorizerSettings | LambdaAuthorizerSettings;

export interface FunctionSettingsConfig {
  handler: string;
  /** Function name in the Lambda context; default `windtunnel-handler`. */
  name?: string;
  /** Lambda's own timeout (default 3,000 ms, Lambda's default), separate from the route's. */
  timeoutMs?: number;
  memoryMB?: number;
  reservedConcurrency?: number;
  idleTimeoutMs?: number;
}

export interface RouteSettings {
  routeKey: string;
  /** The name of an entry of `authorizers`. */
  authorizer?: string;
  /** JWT authorizers only: the token must carry at least one of these scopes. */
  authorizationScopes?: string[];
  /** Integration timeout, 50..30,000 ms. */
  timeoutMs: number;
  throttle?: ThrottleSettings;
}

/** A validated config, every default filled in; itself a valid config file. */
export interface GatewayConfig {
  stage: string;
  stageVariables?: Record<string, string>;
  throttle: ThrottleSettings;
  cors?: CorsSettings;
  authorizers: Record<string, AuthorizerSettings>;
  function?: FunctionSettingsConfig;
  routes: RouteSettings[];
}

/** What a config file may leave out. */
export type GatewayConfigInput = Partial<Omit<GatewayConfig, 'routes'>> & {
  routes?: (Omit<RouteSettings, 'timeoutMs'> & { timeoutMs?: number })[];
};

/** Account-level default throttling of API Gateway: 10,000 rps, burst 5,000 (AWS doc limits.md). */
export const DEFAULT_THROTTLE: ThrottleSettings = { rateLimit: 10_000, burstLimit: 5_000 };

/** HTTP API integration timeout: 50 ms to 30 s, default 30 s (AWS doc limits.md; CFN TimeoutInMillis). */
export const INTEGRATION_TIMEOUT_MS = { min: 50, max: 30_000, default: 30_000 } as const;
