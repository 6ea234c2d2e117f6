/**
 * Lambda (REQUEST) authorizer for the HTTP API shim, payload format 2.0, simple or IAM responses,
 * with the result cache. See `createLambdaAuthorizer`.
 *
 * @example
 * import { createLambdaAuthorizer } from './auth/lambda/index.js';
 * const authorizer = createLambdaAuthorizer(config, (event) => invoker.invoke(event, context));
 */
export { createLambdaAuthorizer, type InvokeAuthorizer } from './lambdaAuthorizer.js';
export {
  LAMBDA_AUTHORIZER_LIMITS,
  type LambdaAuthorizerConfig,
  type LambdaAuthorizerOptions,
} from './config.js';
export { buildAuthorizerEvent } from './event.js';
export { allowsInvoke, type PolicyStatement } from './policy.js';
