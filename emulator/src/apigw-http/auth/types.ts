/**
 * The seam between the gateway pipeline and its authorizers. The pipeline matches the route, then
 * asks the route's authorizer (if any) for a decision before throttling and invoking; what an
 * authorizer allows becomes `requestContext.authorizer` of the event.
 */

/** What an authorizer sees of the request: the 2.0 event as built so far, plus the route. */
export interface AuthorizationRequest {
  /** The payload format 2.0 event (headers lower-cased and comma-joined, cookies, query...). */
  event: {
    headers: Record<string, string>;
    queryStringParameters?: Record<string, string>;
    cookies?: string[];
    rawPath: string;
    rawQueryString: string;
    routeKey: string;
    requestContext: Record<string, unknown> & { stage: string; requestId: string };
    pathParameters?: Record<string, string>;
    stageVariables?: Record<string, string>;
  };
  /** `arn:aws:execute-api:<region>:<account>:<apiId>/<stage>/<METHOD>/<path>` */
  routeArn: string;
  /** The scopes the route requires (JWT authorizers): at least one must be in the token. */
  authorizationScopes?: string[];
}

export type AuthorizationDecision =
  | {
      allow: true;
      /** Goes into `requestContext.authorizer`: `{ jwt: {...} }` or `{ lambda: {...} }`. */
      authorizer: Record<string, unknown>;
    }
  | {
      allow: false;
      /** 401 (no or bad credentials), 403 (denied), 500 (the authorizer failed). */
      status: 401 | 403 | 500;
      /** Extra response headers, e.g. `www-authenticate` for JWT failures. */
      headers?: Record<string, string>;
      /** Logged with the request id, never sent to the client. */
      reason: string;
    };

export interface Authorizer {
  readonly name: string;
  authorize(request: AuthorizationRequest): Promise<AuthorizationDecision>;
  close?(): Promise<void>;
}
