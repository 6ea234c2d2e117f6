/**
 * Lambda's execution model behind the gateway's `Invoker`: environments reused between
 * invocations, cold starts, reserved concurrency, the function timeout and idle retirement.
 *
 * @example
 * import { LambdaFunctionPool, moduleEnvironments } from './lambda/index.js';
 * const pool = new LambdaFunctionPool({ name: 'ingest', timeoutMs: 3000 },
 *   moduleEnvironments('dist/app/src/lambda.js#handler'));
 * await startGateway({ invoker: pool, port: 3000 });
 */
export { LambdaFunctionPool, type PoolOptions, type PoolStats } from './pool.js';
export {
  DEFAULT_FUNCTION_CONFIG,
  INIT_TIMEOUT_MS,
  resolveFunctionConfig,
  type FunctionConfig,
  type ResolvedFunctionConfig,
} from './config.js';
export type { EnvironmentFactory, FunctionInstance, InitReport } from './environment.js';
export { moduleEnvironments } from './moduleEnvironments.js';
export { FunctionTimeoutError, TooManyRequestsError } from './errors.js';
