import type { Context } from 'aws-lambda';
import { createLambdaContext, type FunctionSettings } from './context.js';
import { gatewayError, type GatewayErrorKind, type GatewayResponse } from './errors.js';
import type { Invoker } from './invoker.js';
import { toGatewayResponse } from './response.js';

export type IntegrationOutcome =
  { kind: 'result'; result: unknown } | { kind: 'failed'; error: unknown } | { kind: 'timedOut' };

export interface IntegrationSettings {
  requestId: string;
  /** The route's integration timeout. */
  timeoutMs: number;
  fn: FunctionSettings;
  log: (line: string) => void;
}

/**
 * The Lambda integration: the invocation within the route's integration timeout (503 when it
 * fires), failures as the gateway's 500 (logged, never shown), then the 2.0 response mapping.
 */
export async function integrate(
  invoker: Invoker,
  event: unknown,
  { requestId, timeoutMs, fn, log }: IntegrationSettings,
): Promise<GatewayResponse> {
  const onLate = (late: IntegrationOutcome): void =>
    log(`${requestId} late ${late.kind === 'result' ? 'result' : 'failure'} discarded`);
  const context = createLambdaContext(fn);
  const outcome = await invokeWithTimeout(invoker, event, context, timeoutMs, onLate);
  if (outcome.kind === 'timedOut') {
    log(`${requestId} integration timed out after ${timeoutMs} ms`);
    return gatewayError('unavailable', requestId);
  }
  if (outcome.kind === 'failed') {
    log(`${requestId} handler failed: ${describeError(outcome.error)}`);
    return gatewayError(failureKind(outcome.error), requestId);
  }
  const { response, problem } = toGatewayResponse(outcome.result, requestId);
  if (problem) log(`${requestId} malformed Lambda result: ${problem}`);
  return response;
}

/**
 * Invokes the function and waits at most `timeoutMs`, the route's integration timeout.
 *
 * When the timeout fires, API Gateway answers 503 and stops waiting, but the invocation is not
 * cancelled: it runs on in its environment until it ends or hits the function's own timeout, and
 * its result is thrown away (serverless/serverless#11222: the integration timeout "must be greater
 * than the lambda timeout to avoid getting a 503"; cold start time counts against it).
 * `onLate` hears how that late invocation ended, for the log.
 *
 * @example
 * const outcome = await invokeWithTimeout(invoker, event, context, 30_000);
 * if (outcome.kind === 'timedOut') return gatewayError('unavailable', requestId);
 */
export function invokeWithTimeout(
  invoker: Invoker,
  event: unknown,
  context: Context,
  timeoutMs: number,
  onLate: (outcome: IntegrationOutcome) => void = () => undefined,
): Promise<IntegrationOutcome> {
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      resolve({ kind: 'timedOut' });
    }, timeoutMs);
    const settle = (outcome: IntegrationOutcome): void => {
      if (timedOut) return onLate(outcome);
      clearTimeout(timer);
      resolve(outcome);
    };
    let invocation: Promise<unknown>;
    try {
      invocation = invoker.invoke(event, context);
    } catch (error) {
      settle({ kind: 'failed', error });
      return;
    }
    invocation.then(
      (result) => settle({ kind: 'result', result }),
      (error: unknown) => settle({ kind: 'failed', error }),
    );
  });
}

/**
 * The gateway error for each failure an invocation can end with, by error `name` (so any `Invoker`
 * can signal one without sharing classes). Every failure an HTTP API sees from Lambda is a 500
 * `Internal Server Error` (AWS doc http-api-troubleshooting-lambda.md), including:
 * - the function's own timeout, `FunctionTimeoutError` (denoland/deno_registry2#87);
 * - Lambda refusing the invoke because reserved or account concurrency is used up,
 *   `TooManyRequestsError`. Lambda itself says 429, but API Gateway does not pass that on: users
 *   who set reserved concurrency to 0 get a 500 (repost.aws question "API Gateway proxy integration
 *   does not forward Lambda throttling (HTTP 429) to client"; an AWS engineer on Stack Overflow
 *   question 36363280: "There is no way to map Lambda's 429 to any status code. It will always be
 *   considered as 500"). Both reports are about REST APIs; for HTTP APIs it is NOT CONFIRMED, and
 *   this table is the one place to change it.
 */
const FAILURES: Record<string, GatewayErrorKind> = {
  FunctionTimeoutError: 'internal',
  TooManyRequestsError: 'internal',
};

export function failureKind(error: unknown): GatewayErrorKind {
  const name = error instanceof Error ? error.name : '';
  return FAILURES[name] ?? 'internal';
}

/** `Name: message`, one line: a log line per failure, and stacks stay out of responses. */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\s*\n\s*/g, ' ');
}
