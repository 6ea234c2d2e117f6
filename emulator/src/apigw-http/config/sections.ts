import { join, type Checker } from './checker.js';
import type { CorsSettings, FunctionSettingsConfig, ThrottleSettings } from './types.js';

/** Stage variables per stage (AWS doc limits.md). */
const MAX_STAGE_VARIABLES = 100;

const FUNCTION_FIELDS = [
  'handler',
  'name',
  'timeoutMs',
  'memoryMB',
  'reservedConcurrency',
  'idleTimeoutMs',
];
const CORS_FIELDS = [
  'allowOrigins',
  'allowMethods',
  'allowHeaders',
  'exposeHeaders',
  'maxAge',
  'allowCredentials',
];

/** The `throttle` of the stage or of a route: a token bucket's rate and burst. */
export function checkThrottle(
  check: Checker,
  raw: unknown,
  path: string,
): ThrottleSettings | undefined {
  const o = check.object(raw, path, ['rateLimit', 'burstLimit']);
  if (!o) return undefined;
  const rateLimit = check.number(o.rateLimit, `${path}.rateLimit`, 0, 1e9, false);
  const burstLimit = check.number(o.burstLimit, `${path}.burstLimit`, 0, 1e9);
  return rateLimit === undefined || burstLimit === undefined
    ? undefined
    : { rateLimit, burstLimit };
}

export function checkStageVariables(
  check: Checker,
  raw: unknown,
): Record<string, string> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return check.fail('stageVariables', 'must be an object of names to strings');
  }
  const o = raw as Record<string, unknown>;
  const entries = Object.entries(o);
  if (entries.length > MAX_STAGE_VARIABLES)
    check.fail('stageVariables', `has more than ${MAX_STAGE_VARIABLES} variables (AWS quota)`);
  for (const [name, value] of entries) {
    const path = join('stageVariables', name);
    if (!/^[A-Za-z0-9_]+$/.test(name)) check.fail(path, 'name must be letters, digits and "_"');
    if (typeof value !== 'string') check.fail(path, 'must be a string');
  }
  return o as Record<string, string>;
}

export function checkFunction(check: Checker, raw: unknown): FunctionSettingsConfig | undefined {
  const o = check.object(raw, 'function', FUNCTION_FIELDS);
  if (!o) return undefined;
  const before = check.issues.length;
  check.string(o.handler, 'function.handler');
  if (o.name !== undefined)
    check.string(
      o.name,
      'function.name',
      /^[A-Za-z0-9_-]{1,64}$/,
      'must be 1-64 letters, digits, "-" or "_"',
    );
  // Lambda's limits: timeout 1 s..900 s, memory 128..10,240 MB.
  if (o.timeoutMs !== undefined) check.number(o.timeoutMs, 'function.timeoutMs', 1, 900_000);
  if (o.memoryMB !== undefined) check.number(o.memoryMB, 'function.memoryMB', 128, 10_240);
  if (o.reservedConcurrency !== undefined)
    check.number(o.reservedConcurrency, 'function.reservedConcurrency', 0, 1_000_000);
  if (o.idleTimeoutMs !== undefined)
    check.number(o.idleTimeoutMs, 'function.idleTimeoutMs', 0, 86_400_000);
  return check.issues.length === before ? (o as unknown as FunctionSettingsConfig) : undefined;
}

export function checkCors(check: Checker, raw: unknown): CorsSettings | undefined {
  const o = check.object(raw, 'cors', CORS_FIELDS);
  if (!o) return undefined;
  const before = check.issues.length;
  for (const key of ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders']) {
    if (o[key] !== undefined) check.strings(o[key], `cors.${key}`);
  }
  if (o.maxAge !== undefined) check.number(o.maxAge, 'cors.maxAge', -1, 86_400);
  if (o.allowCredentials !== undefined) check.boolean(o.allowCredentials, 'cors.allowCredentials');
  return check.issues.length === before ? (o as CorsSettings) : undefined;
}
