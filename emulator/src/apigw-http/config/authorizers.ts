import { join, type Checker } from './checker.js';
import type { AuthorizerSettings, JwksSource } from './types.js';

/** HTTP API quotas (AWS doc limits.md): authorizers per API, audiences per authorizer. */
const MAX_AUTHORIZERS = 10;
const MAX_AUDIENCES = 50;
/** Lambda authorizer response timeout quota, 10,000 ms (AWS doc limits.md). */
const MAX_AUTHORIZER_TIMEOUT_MS = 10_000;

const JWT_FIELDS = ['type', 'identitySource', 'issuer', 'audience', 'jwks'] as const;
const REQUEST_FIELDS = [
  'type',
  'handler',
  'identitySource',
  'enableSimpleResponses',
  'resultTtlInSeconds',
  'timeoutMs',
] as const;

/** `authorizers`: a map from the name routes use to a JWT or Lambda (`REQUEST`) authorizer. */
export function checkAuthorizers(
  check: Checker,
  value: unknown,
  path: string,
): Record<string, AuthorizerSettings> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    check.fail(path, 'must be an object mapping names to authorizers');
    return {};
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_AUTHORIZERS) {
    check.fail(path, `has ${entries.length} authorizers; an HTTP API allows ${MAX_AUTHORIZERS}`);
  }
  const out: Record<string, AuthorizerSettings> = {};
  for (const [name, raw] of entries) {
    const checked = checkAuthorizer(check, raw, join(path, name));
    if (checked) out[name] = checked;
  }
  return out;
}

function checkAuthorizer(
  check: Checker,
  raw: unknown,
  path: string,
): AuthorizerSettings | undefined {
  const type = (raw as { type?: unknown } | null)?.type;
  if (type === 'JWT') return checkJwt(check, raw, path);
  if (type === 'REQUEST') return checkRequest(check, raw, path);
  check.fail(join(path, 'type'), `must be "JWT" or "REQUEST", got ${JSON.stringify(type)}`);
  return undefined;
}

function checkJwt(check: Checker, raw: unknown, path: string): AuthorizerSettings | undefined {
  const o = check.object(raw, path, JWT_FIELDS);
  if (!o) return undefined;
  const issuer = check.string(o.issuer, join(path, 'issuer'));
  const audience = check.strings(o.audience, join(path, 'audience'), MAX_AUDIENCES, 1);
  const jwks = checkJwks(check, o.jwks, join(path, 'jwks'));
  // A JWT authorizer reads exactly one identity source (AWS doc http-api-jwt-authorizer.md).
  const identitySource =
    o.identitySource === undefined
      ? undefined
      : check.strings(o.identitySource, join(path, 'identitySource'), 1, 1);
  if (!issuer || !audience || !jwks) return undefined;
  return { type: 'JWT', issuer, audience, jwks, ...(identitySource && { identitySource }) };
}

function checkJwks(check: Checker, raw: unknown, path: string): JwksSource | undefined {
  const o = check.object(raw, path, ['file', 'url', 'keys']);
  if (!o) return undefined;
  const given = ['file', 'url', 'keys'].filter((key) => o[key] !== undefined);
  if (given.length !== 1) return check.fail(path, 'must have exactly one of file, url or keys');
  if (o.file !== undefined) {
    const file = check.string(o.file, join(path, 'file'));
    return file === undefined ? undefined : { file };
  }
  if (o.url !== undefined) {
    const url = check.string(o.url, join(path, 'url'), /^https?:\/\//, 'must be an http(s) URL');
    return url === undefined ? undefined : { url };
  }
  if (!Array.isArray(o.keys)) return check.fail(join(path, 'keys'), 'must be an array of JWKs');
  return { keys: o.keys as unknown[] };
}

function checkRequest(check: Checker, raw: unknown, path: string): AuthorizerSettings | undefined {
  const o = check.object(raw, path, REQUEST_FIELDS);
  if (!o) return undefined;
  const before = check.issues.length;
  const handler = check.string(o.handler, join(path, 'handler'));
  const at = (key: string) => join(path, key);
  const identitySource =
    o.identitySource === undefined
      ? undefined
      : check.strings(o.identitySource, at('identitySource'), 10);
  const simple =
    o.enableSimpleResponses === undefined
      ? undefined
      : check.boolean(o.enableSimpleResponses, at('enableSimpleResponses'));
  const ttl =
    o.resultTtlInSeconds === undefined
      ? undefined
      : check.number(o.resultTtlInSeconds, at('resultTtlInSeconds'), 0, 3600);
  const timeoutMs =
    o.timeoutMs === undefined
      ? undefined
      : check.number(o.timeoutMs, at('timeoutMs'), 1, MAX_AUTHORIZER_TIMEOUT_MS);
  // AWS: "To enable caching, your authorizer must have at least one identity source."
  if (ttl !== undefined && ttl > 0 && (!identitySource || identitySource.length === 0)) {
    check.fail(at('resultTtlInSeconds'), 'caching needs at least one identitySource');
  }
  const settings: AuthorizerSettings = {
    type: 'REQUEST',
    handler: handler ?? '',
    ...(identitySource && { identitySource }),
    ...(simple !== undefined && { enableSimpleResponses: simple }),
    ...(ttl !== undefined && { resultTtlInSeconds: ttl }),
    ...(timeoutMs !== undefined && { timeoutMs }),
  };
  return check.issues.length === before ? settings : undefined;
}
