import { randomUUID } from 'node:crypto';
import { randomIdBytes } from './random.js';
import type { Context } from 'aws-lambda';

/** The function the emulated integration invokes, as a Lambda `Context` describes it. */
export interface FunctionSettings {
  functionName: string;
  /** Lambda reports it as a string (`"128"`); the `Context` type says so too. */
  memoryLimitInMB: number;
  /**
   * Feeds `getRemainingTimeInMillis()`. `LambdaFunctionPool` (emulator/src/lambda) enforces it;
   * the plain `InProcessInvoker` does not.
   */
  timeoutMs: number;
  region: string;
  accountId: string;
}

export const DEFAULT_FUNCTION_SETTINGS: FunctionSettings = {
  functionName: 'windtunnel-handler',
  memoryLimitInMB: 128,
  // Lambda's default timeout is 3 s, but HTTP APIs wait up to 30 s; a handler asking how long it
  // has left should not be told "almost nothing" while the emulator would still wait.
  timeoutMs: 30_000,
  region: 'us-east-1',
  accountId: '000000000000',
};

/** How an invocation ends when a handler uses the legacy `context.done/succeed/fail`. */
export type Completion = (error: unknown, result?: unknown) => void;

/**
 * A Lambda-like context for one invocation, with the fields of @types/aws-lambda `Context`.
 * `done/succeed/fail` (deprecated, still honoured by the Node runtimes) call `complete`; an
 * `Invoker` wires that to the invocation it runs (see `withCompletion`). `logStreamName` belongs to
 * the execution environment, so an invoker that models environments passes the environment's;
 * otherwise each context gets a fresh one.
 *
 * @example
 * const context = createLambdaContext({ ...DEFAULT_FUNCTION_SETTINGS, functionName: 'ingest' });
 * context.getRemainingTimeInMillis(); // ~30000
 */
export function createLambdaContext(
  settings: FunctionSettings,
  now: () => number = Date.now,
  complete: Completion = () => undefined,
  logStreamName: string = newLogStreamName(new Date(now())),
): Context {
  const deadline = now() + settings.timeoutMs;
  const { functionName, region, accountId } = settings;
  const base: ContextFields = {
    awsRequestId: randomUUID(),
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(settings.memoryLimitInMB),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
  };
  return withCompletion(base, complete);
}

type ContextFields = Omit<Context, 'done' | 'fail' | 'succeed'>;

/** A copy of `context` whose `done/succeed/fail` end the invocation through `complete`. */
export function withCompletion(context: ContextFields, complete: Completion): Context {
  return {
    ...context,
    done: (error?: unknown, result?: unknown) => complete(error ?? null, result),
    fail: (error: unknown) => complete(error ?? new Error('context.fail() called')),
    succeed: (result?: unknown) => complete(null, result),
  };
}

/**
 * Lambda's stream names: `2024/11/26/[$LATEST]` + 32 hex characters, one per execution environment
 * (the date is the environment's start).
 */
export function newLogStreamName(date: Date): string {
  const day = date.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomIdBytes(16).toString('hex')}`;
}
