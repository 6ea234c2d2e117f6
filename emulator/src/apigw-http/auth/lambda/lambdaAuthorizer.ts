import { readIdentitySource } from '../identitySource.js';
import type { AuthorizationDecision, AuthorizationRequest, Authorizer } from '../types.js';
import { ResultCache } from './cache.js';
import {
  resolveLambdaConfig,
  type LambdaAuthorizerConfig,
  type LambdaAuthorizerOptions,
  type ResolvedLambdaConfig,
} from './config.js';
import { buildAuthorizerEvent } from './event.js';
import { allowsInvoke } from './policy.js';
import { parseAuthorizerResponse, type AuthorizerResponse } from './response.js';

/** Calls the authorizer function with its event and resolves with what it returned. */
export type InvokeAuthorizer = (event: unknown) => Promise<unknown>;

/**
 * An HTTP API Lambda authorizer, payload format 2.0 (AWS doc http-api-lambda-authorizer):
 * - every configured identity source must be present and non-empty, else 401 and the function is
 *   never called;
 * - the function gets the request event plus `type`, `routeArn` and `identitySource` (the values);
 * - it answers `{ isAuthorized, context }` (simple responses) or an IAM policy; allowed requests
 *   carry `context` to the integration as `requestContext.authorizer.lambda`;
 * - a refusal is 403 (the pipeline writes the body); a function that throws, answers something
 *   malformed or takes longer than `timeoutMs` gives 500, and its late answer is ignored.
 *
 * Results are cached per identity-source values for `resultTtlInSeconds`. The cache holds the
 * *response*, and a cached policy is evaluated again against each request's `routeArn`: a policy
 * that names only the first route's ARN denies the others until it expires, the well-known trap of
 * cached authorizers (add `$context.routeKey` to the identity sources to cache per route, as AWS
 * advises).
 *
 * For IAM responses `principalId` is put next to `lambda` in `requestContext.authorizer`, where
 * the access-log variable `$context.authorizer.principalId` reads it. Its place in the 2.0
 * integration event is NOT CONFIRMED (SAM CLI puts it inside the context instead).
 *
 * @example
 * const authorizer = createLambdaAuthorizer(
 *   { name: 'keys', type: 'REQUEST', identitySource: ['$request.header.x-api-key'], enableSimpleResponses: true },
 *   (event) => invoker.invoke(event, createLambdaContext(settings)),
 * );
 */
export function createLambdaAuthorizer(
  config: LambdaAuthorizerConfig,
  invoke: InvokeAuthorizer,
  options: LambdaAuthorizerOptions = {},
): Authorizer {
  const resolved = resolveLambdaConfig(config);
  const cache = new ResultCache<AuthorizerResponse>(resolved.ttlMs, options.now ?? Date.now);
  return {
    name: config.name,
    async authorize(request: AuthorizationRequest): Promise<AuthorizationDecision> {
      const values = resolved.sources.map((source) => readIdentitySource(source, request.event));
      if (values.some((value) => value === undefined)) {
        return { allow: false, status: 401, reason: 'an identity source is missing or empty' };
      }
      const identity = values as string[];
      const key = JSON.stringify(identity);
      let response = cache.get(key);
      if (!response) {
        const answered = await callAuthorizer(resolved, invoke, request, identity);
        if (!answered.ok) return { allow: false, status: 500, reason: answered.problem };
        response = answered.response;
        cache.set(key, response);
      }
      return decide(response, request.routeArn);
    },
  };
}

async function callAuthorizer(
  config: ResolvedLambdaConfig,
  invoke: InvokeAuthorizer,
  request: AuthorizationRequest,
  identity: string[],
): Promise<{ ok: true; response: AuthorizerResponse } | { ok: false; problem: string }> {
  const event = buildAuthorizerEvent(request, identity);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${config.timeoutMs} ms`)),
      config.timeoutMs,
    );
  });
  try {
    // `Promise.resolve().then` also catches an invoke that throws synchronously.
    const result = await Promise.race([Promise.resolve().then(() => invoke(event)), timeout]);
    const parsed = parseAuthorizerResponse(result, config.simpleResponses);
    return parsed.ok ? parsed : { ok: false, problem: `malformed response: ${parsed.problem}` };
  } catch (err) {
    return { ok: false, problem: `authorizer ${config.name} failed: ${describe(err)}` };
  } finally {
    clearTimeout(timer);
  }
}

function decide(response: AuthorizerResponse, routeArn: string): AuthorizationDecision {
  // A response without context reaches the integration as `lambda: null` (powertools' captured
  // event apigw-http/lambda-authorizer-auth.json, test/fixtures/apigw).
  const lambda = response.context ?? null;
  if (response.kind === 'simple') {
    return response.isAuthorized
      ? { allow: true, authorizer: { lambda } }
      : { allow: false, status: 403, reason: 'isAuthorized is false' };
  }
  if (!allowsInvoke(response.statements, routeArn)) {
    return { allow: false, status: 403, reason: `the policy does not allow ${routeArn}` };
  }
  const principal = response.principalId === undefined ? {} : { principalId: response.principalId };
  return { allow: true, authorizer: { ...principal, lambda } };
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
