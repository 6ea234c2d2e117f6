import { describe, expect, it } from 'vitest';
import type { LambdaAuthorizerConfig } from './config.js';
import { createLambdaAuthorizer } from './lambdaAuthorizer.js';
import { ROUTE_ARN, authRequest } from '../../../../../test/fixtures/jwt/request.js';
import {
  ARN_PREFIX,
  setup,
  withKey,
  policy,
} from '../../../../../test/fixtures/jwt/lambdaAuthorizer.js';

describe('Lambda authorizer: simple responses', () => {
  it('allows isAuthorized true and passes its context as authorizer.lambda', async () => {
    const { authorizer } = setup(() => ({
      isAuthorized: true,
      context: { tenant: 'acme', level: 3 },
    }));

    const decision = await authorizer.authorize(withKey('k1'));

    expect(decision).toEqual({ allow: true, authorizer: { lambda: { tenant: 'acme', level: 3 } } });
  });

  it('gives a null lambda context when the function returns none, as AWS does', async () => {
    const { authorizer } = setup(() => ({ isAuthorized: true }));

    expect(await authorizer.authorize(withKey('k1'))).toEqual({
      allow: true,
      authorizer: { lambda: null },
    });
  });

  it('denies isAuthorized false with 403', async () => {
    const { authorizer } = setup(() => ({ isAuthorized: false }));

    expect(await authorizer.authorize(withKey('k1'))).toMatchObject({ allow: false, status: 403 });
  });

  it('sends the 2.0 authorizer event: type, routeArn, identitySource values, the request', async () => {
    const { authorizer, fn } = setup(() => ({ isAuthorized: true }), {
      identitySource: ['$request.header.x-api-key', '$request.querystring.device'],
    });
    const request = authRequest({ headers: { 'x-api-key': 'k1' }, query: { device: 'T-7' } });

    await authorizer.authorize(request);

    expect(fn.events[0]).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: ROUTE_ARN,
      identitySource: ['k1', 'T-7'],
      routeKey: 'POST /telemetry',
      rawPath: '/telemetry',
      rawQueryString: 'device=T-7',
      headers: request.event.headers,
      queryStringParameters: { device: 'T-7' },
      requestContext: request.event.requestContext,
    });
    expect(fn.events[0]).not.toHaveProperty('body');
    expect(fn.events[0]).not.toHaveProperty('pathParameters');
  });
});

describe('Lambda authorizer: IAM policy responses', () => {
  it('allows a matching Allow, with principalId next to the lambda context', async () => {
    const { authorizer } = setup(() => policy('Allow', ROUTE_ARN, { tenant: 'acme' }), {
      enableSimpleResponses: false,
    });

    const decision = await authorizer.authorize(withKey('k1'));

    expect(decision).toEqual({
      allow: true,
      authorizer: { principalId: 'device-1', lambda: { tenant: 'acme' } },
    });
  });

  it('matches * and ? wildcards in Resource', async () => {
    const { authorizer } = setup(() => policy('Allow', [`${ARN_PREFIX}/*/tele?etry`]), {
      enableSimpleResponses: false,
    });

    expect((await authorizer.authorize(withKey('k1'))).allow).toBe(true);
    expect((await authorizer.authorize(withKey('k2', `${ARN_PREFIX}/GET/telemetry/x`))).allow).toBe(
      false,
    );
  });

  it('denies with 403 when no Allow matches the route, and when a Deny does', async () => {
    const elsewhere = setup(() => policy('Allow', `${ARN_PREFIX}/GET/*`), {
      enableSimpleResponses: false,
    });
    const denied = setup(
      () => ({
        principalId: 'device-1',
        policyDocument: {
          Statement: [
            { Action: 'execute-api:*', Effect: 'Allow', Resource: '*' },
            { Action: ['execute-api:Invoke'], Effect: 'Deny', Resource: `${ARN_PREFIX}/POST/*` },
          ],
        },
      }),
      { enableSimpleResponses: false },
    );

    expect(await elsewhere.authorizer.authorize(withKey('k1'))).toMatchObject({
      allow: false,
      status: 403,
    });
    expect(await denied.authorizer.authorize(withKey('k1'))).toMatchObject({
      allow: false,
      status: 403,
    });
  });

  it('does not treat a regex-looking ARN as a pattern', async () => {
    const { authorizer } = setup(() => policy('Allow', `${ARN_PREFIX}/POST/tele.etry`), {
      enableSimpleResponses: false,
    });

    expect((await authorizer.authorize(withKey('k1'))).allow).toBe(false);
  });
});

describe('Lambda authorizer: failures', () => {
  it('answers 401 without calling the function when an identity source is missing or empty', async () => {
    const { authorizer, fn } = setup(() => ({ isAuthorized: true }), {
      identitySource: ['$request.header.x-api-key', '$request.querystring.device'],
    });

    const decisions = [
      await authorizer.authorize(authRequest({ headers: { 'x-api-key': 'k1' } })),
      await authorizer.authorize(
        authRequest({ headers: { 'x-api-key': '' }, query: { device: 'T-7' } }),
      ),
    ];

    expect(decisions).toMatchObject([
      { allow: false, status: 401 },
      { allow: false, status: 401 },
    ]);
    expect(fn.events).toHaveLength(0);
  });

  it('answers 500 when the function throws, synchronously or not', async () => {
    const rejecting = setup(() => {
      throw new Error('boom');
    });
    const throwing = createLambdaAuthorizer(
      { name: 'sync', type: 'REQUEST', enableSimpleResponses: true, resultTtlInSeconds: 0 },
      () => {
        throw new Error('sync boom');
      },
    );

    expect(await rejecting.authorizer.authorize(withKey('k1'))).toMatchObject({
      allow: false,
      status: 500,
    });
    expect(await throwing.authorize(authRequest())).toMatchObject({ allow: false, status: 500 });
  });

  it('answers 500 when the function is slower than timeoutMs, without waiting for it', async () => {
    const { authorizer } = setup(
      () => new Promise((resolve) => setTimeout(() => resolve({ isAuthorized: true }), 500)),
      {
        timeoutMs: 50,
      },
    );
    const started = Date.now();

    const decision = await authorizer.authorize(withKey('k1'));

    expect(decision).toMatchObject({ allow: false, status: 500 });
    expect(Date.now() - started).toBeLessThan(400);
  });

  it.each([
    ['a string', 'allow'],
    ['null', null],
    ['isAuthorized as a string', { isAuthorized: 'true' }],
    ['an IAM policy while simple responses are on', policy('Allow', ROUTE_ARN)],
    ['a non-object context', { isAuthorized: true, context: 'tenant=acme' }],
  ])('answers 500 for a malformed simple response: %s', async (_what, answer) => {
    const { authorizer } = setup(() => answer);

    expect(await authorizer.authorize(withKey('k1'))).toMatchObject({ allow: false, status: 500 });
  });

  it.each([
    ['a simple response while IAM responses are expected', { isAuthorized: true }],
    [
      'an Effect other than Allow/Deny',
      { policyDocument: { Statement: [{ Effect: 'allow', Action: 'x', Resource: '*' }] } },
    ],
    [
      'a Resource that is not a string',
      { policyDocument: { Statement: [{ Effect: 'Allow', Action: 'x', Resource: 7 }] } },
    ],
  ])('answers 500 for a malformed IAM response: %s', async (_what, answer) => {
    const { authorizer } = setup(() => answer, { enableSimpleResponses: false });

    expect(await authorizer.authorize(withKey('k1'))).toMatchObject({ allow: false, status: 500 });
  });
});

describe('Lambda authorizer: configuration', () => {
  const create = (config: Partial<LambdaAuthorizerConfig>) => () =>
    createLambdaAuthorizer({ name: 'bad', type: 'REQUEST', ...config }, async () => ({}));

  it('refuses what CreateAuthorizer refuses', () => {
    expect(create({ resultTtlInSeconds: 3601, identitySource: ['$request.header.a'] })).toThrow(
      /0\.\.3600/,
    );
    expect(create({ resultTtlInSeconds: 60 })).toThrow(/identitySource/);
    expect(create({ identitySource: ['$request.body.a'] })).toThrow(/identity source/);
    expect(create({ timeoutMs: 10_001 })).toThrow(/timeoutMs/);
  });
});
