import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { AuthorizationRequest, Authorizer } from './auth/types.js';
import { gatewayError, type GatewayErrorKind, type GatewayResponse } from './errors.js';
import { withAuthorizer } from './event.js';

export type AuthorizeOutcome =
  | { allowed: true; event: APIGatewayProxyEventV2 }
  | { allowed: false; response: GatewayResponse; reason: string };

export interface AuthorizeInput {
  event: APIGatewayProxyEventV2;
  /** The path below the stage, as the route matched it. */
  stagePath: string;
  region: string;
  authorizationScopes?: string[];
}

const DENIALS: Record<401 | 403 | 500, GatewayErrorKind> = {
  401: 'unauthorized',
  403: 'forbidden',
  500: 'internal',
};

/**
 * Asks the route's authorizer about the request. Allowed: the event gains
 * `requestContext.authorizer`. Refused: the gateway's 401/403/500 with the authorizer's headers
 * (e.g. `www-authenticate` from a JWT authorizer). An authorizer that throws is a failed
 * authorizer, which HTTP APIs answer with 500 (AWS doc http-api-lambda-authorizer.md,
 * "Troubleshooting Lambda authorizers").
 *
 * @example
 * const outcome = await authorize(authorizer, { event, stagePath: '/pets', region: 'us-east-1' });
 * if (!outcome.allowed) return outcome.response;
 */
export async function authorize(
  authorizer: Authorizer,
  input: AuthorizeInput,
): Promise<AuthorizeOutcome> {
  const { event } = input;
  const requestId = event.requestContext.requestId;
  try {
    const decision = await authorizer.authorize({
      // @types/aws-lambda allows `undefined` header values; the events built here never hold one.
      event: event as unknown as AuthorizationRequest['event'],
      routeArn: routeArn(input),
      ...(input.authorizationScopes && { authorizationScopes: input.authorizationScopes }),
    });
    if (decision.allow) return { allowed: true, event: withAuthorizer(event, decision.authorizer) };
    const response = gatewayError(DENIALS[decision.status], requestId, decision.headers);
    return { allowed: false, response, reason: decision.reason };
  } catch (err) {
    const reason = `authorizer ${authorizer.name} failed: ${(err as Error)?.message ?? String(err)}`;
    return { allowed: false, response: gatewayError('internal', requestId), reason };
  }
}

/**
 * `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD><path>` (AWS doc
 * http-api-lambda-authorizer.md example: `...:abcdef123/test/GET/request`), with the request's own
 * path below the stage rather than the route's template (our reading of that example).
 */
export function routeArn({ event, stagePath, region }: AuthorizeInput): string {
  const { accountId, apiId, stage, http } = event.requestContext;
  return `arn:aws:execute-api:${region}:${accountId}:${apiId}/${stage}/${http.method}${stagePath}`;
}
