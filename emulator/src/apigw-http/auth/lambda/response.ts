import type { PolicyStatement } from './policy.js';

/** What a Lambda authorizer answered, once checked for shape. */
export type AuthorizerResponse =
  | { kind: 'simple'; isAuthorized: boolean; context?: Record<string, unknown> }
  | {
      kind: 'policy';
      principalId?: string;
      statements: PolicyStatement[];
      context?: Record<string, unknown>;
    };

export type ParsedResponse =
  { ok: true; response: AuthorizerResponse } | { ok: false; problem: string };

/**
 * Checks the authorizer's result against the format it was configured for (AWS doc
 * http-api-lambda-authorizer, "Lambda authorizer response format"): with simple responses
 * `{ isAuthorized: boolean, context? }`, otherwise an IAM policy
 * `{ principalId, policyDocument: { Statement: [...] }, context? }`. Anything else is the
 * "invalid response" AWS answers with 500.
 *
 * Lenient on purpose (NOT CONFIRMED either way): `principalId` is optional, `Statement`,
 * `Action` and `Resource` may be a single value or a list, as IAM allows.
 */
export function parseAuthorizerResponse(result: unknown, simpleResponses: boolean): ParsedResponse {
  if (!isObject(result)) return fail(`expected an object, got ${describe(result)}`);
  const context = result.context;
  if (context !== undefined && context !== null && !isObject(context)) {
    return fail('context must be an object');
  }
  const withContext = isObject(context) ? { context } : {};
  if (simpleResponses) {
    if (typeof result.isAuthorized !== 'boolean') return fail('isAuthorized must be a boolean');
    return ok({ kind: 'simple', isAuthorized: result.isAuthorized, ...withContext });
  }
  const statements = parseStatements(result.policyDocument);
  if (typeof statements === 'string') return fail(statements);
  if (result.principalId !== undefined && typeof result.principalId !== 'string') {
    return fail('principalId must be a string');
  }
  const principal =
    typeof result.principalId === 'string' ? { principalId: result.principalId } : {};
  return ok({ kind: 'policy', statements, ...principal, ...withContext });
}

function parseStatements(policyDocument: unknown): PolicyStatement[] | string {
  if (!isObject(policyDocument)) return 'policyDocument must be an object';
  const raw = policyDocument.Statement;
  const list = Array.isArray(raw) ? raw : [raw];
  const statements: PolicyStatement[] = [];
  for (const statement of list) {
    if (!isObject(statement)) return 'each Statement must be an object';
    const { Effect, Action, Resource } = statement;
    const actions = strings(Action);
    const resources = strings(Resource);
    if (Effect !== 'Allow' && Effect !== 'Deny') return 'Effect must be "Allow" or "Deny"';
    if (!actions || !resources) return 'Action and Resource must be strings or lists of strings';
    statements.push({ effect: Effect, actions, resources });
  }
  return statements;
}

function strings(value: unknown): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((item) => typeof item === 'string') ? list : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

const ok = (response: AuthorizerResponse): ParsedResponse => ({ ok: true, response });
const fail = (problem: string): ParsedResponse => ({ ok: false, problem });
