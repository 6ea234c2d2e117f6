import { describe, expect, it } from 'vitest';
import { GatewayConfigError } from './checker.js';
import { validateGatewayConfig } from './validate.js';

function issuesOf(raw: unknown): string[] {
  try {
    validateGatewayConfig(raw);
  } catch (err) {
    if (err instanceof GatewayConfigError) return err.issues;
    throw err;
  }
  throw new Error('expected the config to be refused');
}

describe('validateGatewayConfig', () => {
  it("turns an empty config into today's gateway: $default route and stage, default throttling", () => {
    expect(validateGatewayConfig({})).toEqual({
      stage: '$default',
      throttle: { rateLimit: 10_000, burstLimit: 5_000 },
      authorizers: {},
      routes: [{ routeKey: '$default', timeoutMs: 30_000 }],
    });
  });

  it('gives its own output back unchanged, so a validated config is a valid config file', () => {
    const config = validateGatewayConfig({
      stage: 'dev',
      stageVariables: { table: 'turbines' },
      cors: { allowOrigins: ['https://a.example'] },
      authorizers: {
        devices: {
          type: 'JWT',
          issuer: 'https://i.example',
          audience: ['a'],
          jwks: { file: 'k.json' },
        },
      },
      function: { handler: 'lambda.js#handler', reservedConcurrency: 2 },
      routes: [
        { routeKey: 'POST /m', authorizer: 'devices', authorizationScopes: ['w'], timeoutMs: 50 },
        { routeKey: 'GET /health', throttle: { rateLimit: 0.5, burstLimit: 1 } },
      ],
    });

    expect(validateGatewayConfig(config)).toEqual(config);
  });

  it('names the JSON path of every problem at once', () => {
    const issues = issuesOf({
      stage: 'my stage',
      throttle: { rateLimit: -1, burstLimit: 1.5 },
      routes: [
        { routeKey: 'GET /pets/' },
        { routeKey: 'GET /x', timeoutMs: 30_001 },
        { rootKey: 'x' },
      ],
      functon: {},
    });

    expect(issues).toEqual([
      'functon: is not a known field (known: stage, stageVariables, throttle, cors, authorizers, function, routes)',
      'stage: must be "$default" or 1-128 letters, digits, "-" or "_"',
      'throttle.rateLimit: must be a number from 0 to 1000000000, got -1',
      'throttle.burstLimit: must be an integer, got number 1.5',
      'routes[0].routeKey: "GET /pets/" path must not end with "/"',
      'routes[1].timeoutMs: must be an integer from 50 to 30000, got 30001',
      'routes[2].rootKey: is not a known field (known: routeKey, authorizer, authorizationScopes, timeoutMs, throttle)',
      'routes[2].routeKey: must be a non-empty string, got nothing',
    ]);
  });

  it("refuses the integration timeout outside AWS's 50..30000 ms", () => {
    expect(issuesOf({ routes: [{ routeKey: '$default', timeoutMs: 49 }] })).toEqual([
      'routes[0].timeoutMs: must be an integer from 50 to 30000, got 49',
    ]);
  });

  it('refuses two routes API Gateway could not tell apart', () => {
    expect(
      issuesOf({ routes: [{ routeKey: 'GET /p/{id}' }, { routeKey: 'GET /p/{name}' }] }),
    ).toEqual(['routes[1].routeKey: "GET /p/{name}" is the same route as "GET /p/{id}"']);
  });

  it('refuses an unknown authorizer name and scopes without a JWT authorizer', () => {
    const issues = issuesOf({
      authorizers: { custom: { type: 'REQUEST', handler: 'a.js' } },
      routes: [
        { routeKey: 'GET /a', authorizer: 'nope' },
        { routeKey: 'GET /b', authorizer: 'custom', authorizationScopes: ['x'] },
      ],
    });

    expect(issues).toEqual([
      'routes[0].authorizer: names no entry of "authorizers" ("nope")',
      'routes[1].authorizationScopes: needs a JWT authorizer on the route',
    ]);
  });

  it('checks authorizers: type, JWKS source, audience and cache rules', () => {
    const issues = issuesOf({
      authorizers: {
        a: { type: 'OAUTH' },
        b: {
          type: 'JWT',
          issuer: 'https://i',
          audience: [],
          jwks: { file: 'k', url: 'https://k' },
        },
        c: { type: 'REQUEST', handler: 'h.js', resultTtlInSeconds: 300 },
      },
    });

    expect(issues).toEqual([
      'authorizers.a.type: must be "JWT" or "REQUEST", got "OAUTH"',
      'authorizers.b.audience: must have at least 1 item(s)',
      'authorizers.b.jwks: must have exactly one of file, url or keys',
      'authorizers.c.resultTtlInSeconds: caching needs at least one identitySource',
    ]);
  });

  it('quotes keys that are not identifiers in paths', () => {
    expect(issuesOf({ stageVariables: { 'bad-name': 'x' } })).toEqual([
      'stageVariables["bad-name"]: name must be letters, digits and "_"',
    ]);
  });

  it('says the whole config must be an object', () => {
    expect(issuesOf([])).toEqual(['(root): must be an object, got an array']);
  });
});
