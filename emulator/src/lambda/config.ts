import { DEFAULT_FUNCTION_SETTINGS, type FunctionSettings } from '../apigw-http/context.js';

/**
 * One emulated Lambda function. `timeoutMs` is the FUNCTION's timeout (Lambda's own limit on one
 * invocation); API Gateway's integration timeout (30 s for HTTP APIs) is a separate, outer limit
 * that the gateway enforces.
 */
export interface FunctionConfig {
  name: string;
  /** Lambda's default is 3 s, its range 1..900 s ("Configure Lambda function timeout", AWS docs). */
  timeoutMs: number;
  /** Only reported in the context (`memoryLimitInMB`); nothing is limited. Lambda: 128..10240. */
  memoryMB?: number;
  /** The most environments that may exist at once; the next invocation is throttled. */
  reservedConcurrency?: number;
  /** An environment unused this long is retired, so a later request pays a new cold start. */
  idleTimeoutMs?: number;
  /** For `invokedFunctionArn`; default `us-east-1`. */
  region?: string;
  /** For `invokedFunctionArn`; default `000000000000`. */
  accountId?: string;
}

export type ResolvedFunctionConfig = Required<Omit<FunctionConfig, 'reservedConcurrency'>> &
  Pick<FunctionConfig, 'reservedConcurrency'>;

/**
 * The idle timeout is NOT documented by AWS (it only says Lambda "maintains the execution environment
 * for some time in anticipation of another function invocation", lambda-runtime-environment.html);
 * minutes are commonly observed, so 5 minutes. serverless-offline uses 60 s.
 */
export const DEFAULT_FUNCTION_CONFIG: ResolvedFunctionConfig = {
  name: 'windtunnel-function',
  timeoutMs: 3_000,
  memoryMB: 128,
  idleTimeoutMs: 5 * 60_000,
  region: DEFAULT_FUNCTION_SETTINGS.region,
  accountId: DEFAULT_FUNCTION_SETTINGS.accountId,
};

/**
 * "The Init phase is limited to 10 seconds. If all three tasks do not complete within 10 seconds,
 * Lambda retries the Init phase at the time of the first function invocation with the configured
 * function timeout." (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)
 */
export const INIT_TIMEOUT_MS = 10_000;

/** Defaults filled in and every value checked; the message names the field. */
export function resolveFunctionConfig(config: Partial<FunctionConfig>): ResolvedFunctionConfig {
  const resolved = { ...DEFAULT_FUNCTION_CONFIG, ...withoutUndefined(config) };
  check(
    'name',
    resolved.name,
    /^[A-Za-z0-9_-]{1,64}$/.test(resolved.name),
    '1-64 of A-Z a-z 0-9 - _',
  );
  // Below Lambda's 1 s minimum on purpose: tests and demos need short timeouts.
  check('timeoutMs', resolved.timeoutMs, isIn(resolved.timeoutMs, 1, 900_000), '1..900000 ms');
  check('memoryMB', resolved.memoryMB, isWhole(resolved.memoryMB, 128, 10_240), '128..10240');
  check('idleTimeoutMs', resolved.idleTimeoutMs, resolved.idleTimeoutMs > 0, 'more than 0');
  const cap = resolved.reservedConcurrency;
  // 0 is valid in Lambda: it throttles every invocation (a function "switched off").
  if (cap !== undefined)
    check('reservedConcurrency', cap, isWhole(cap, 0, Infinity), 'a whole number >= 0');
  return resolved;
}

/** What `createLambdaContext` needs to describe this function to its handler. */
export function functionSettings(config: ResolvedFunctionConfig): FunctionSettings {
  return {
    functionName: config.name,
    memoryLimitInMB: config.memoryMB,
    timeoutMs: config.timeoutMs,
    region: config.region,
    accountId: config.accountId,
  };
}

function check(field: string, value: unknown, ok: boolean, expected: string): void {
  if (!ok)
    throw new RangeError(`FunctionConfig.${field} must be ${expected}; got ${String(value)}`);
}

function isIn(n: number, min: number, max: number): boolean {
  return Number.isFinite(n) && n >= min && n <= max;
}

function isWhole(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** `{ timeoutMs: undefined }` keeps the default instead of erasing it. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
