/**
 * API Gateway HTTP API shim (payload format 2.0): request -> v2 event -> Lambda handler -> response.
 *
 * @example
 * import { loadHandler, startGateway } from './apigw-http/index.js';
 * const gateway = await startGateway({ handler: await loadHandler('dist/lambda.js#handler'), port: 3000 });
 */
export { startGateway, MAX_HEADER_BYTES, type Gateway, type GatewayOptions } from './server.js';
export {
  loadGatewayConfig,
  validateGatewayConfig,
  parseRouteKey,
  GatewayConfigError,
  DEFAULT_THROTTLE,
  INTEGRATION_TIMEOUT_MS,
  type GatewayConfig,
  type GatewayConfigInput,
  type RouteSettings,
  type ThrottleSettings,
  type AuthorizerSettings,
  type CorsSettings,
} from './config/index.js';
export { createRouter, pathInStage, type RouteMatch, type Router } from './routing/index.js';
export { TokenBucket, StageThrottle, type Clock } from './throttle.js';
export { invokeWithTimeout, type IntegrationOutcome } from './integration.js';
export { InProcessInvoker, type Invoker } from './invoker.js';
export {
  loadHandler,
  parseHandlerSpec,
  HandlerLoadError,
  type HandlerSpec,
} from './loadHandler.js';
export {
  createLambdaContext,
  withCompletion,
  DEFAULT_FUNCTION_SETTINGS,
  type Completion,
  type FunctionSettings,
} from './context.js';
export {
  buildEvent,
  withAuthorizer,
  requestHeadOf,
  type ApiIdentity,
  type EventOptions,
  type RequestHead,
} from './event.js';
export { toGatewayResponse, LAMBDA_RESPONSE_LIMIT_BYTES, type MappedResponse } from './response.js';
export {
  gatewayError,
  GATEWAY_ERRORS,
  type GatewayErrorKind,
  type GatewayResponse,
} from './errors.js';
export { newRequestId, REQUEST_ID_PATTERN } from './requestId.js';
export { DEFAULT_MAX_BODY_BYTES } from './body.js';
