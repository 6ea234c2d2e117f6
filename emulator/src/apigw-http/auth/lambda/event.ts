import type { AuthorizationRequest } from '../types.js';

/**
 * The payload format 2.0 authorizer event: the request as the integration would see it (minus
 * `body` and `isBase64Encoded`, which the documented example does not carry), plus
 * `type: "REQUEST"`, the `routeArn` and `identitySource` as the list of *values*
 * (AWS doc http-api-lambda-authorizer, "Payload format version", 2.0 example). Keys that are empty
 * in the request are left out, as in the integration event. `requestContext.authorizer` is not
 * there yet: the authorizer is what produces it.
 *
 * @example
 * buildAuthorizerEvent(request, ['Bearer abc']);
 * // { version: '2.0', type: 'REQUEST', routeArn, identitySource: ['Bearer abc'], routeKey, ... }
 */
export function buildAuthorizerEvent(
  request: AuthorizationRequest,
  identitySource: string[],
): Record<string, unknown> {
  const { event } = request;
  const requestContext = Object.fromEntries(
    Object.entries(event.requestContext).filter(([key]) => key !== 'authorizer'),
  );
  return {
    version: '2.0',
    type: 'REQUEST',
    routeArn: request.routeArn,
    identitySource,
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    ...(event.cookies && { cookies: event.cookies }),
    headers: event.headers,
    ...(event.queryStringParameters && { queryStringParameters: event.queryStringParameters }),
    requestContext,
    ...(event.pathParameters && { pathParameters: event.pathParameters }),
    ...(event.stageVariables && { stageVariables: event.stageVariables }),
  };
}
