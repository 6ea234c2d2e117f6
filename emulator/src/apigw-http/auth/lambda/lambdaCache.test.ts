import { describe, expect, it } from 'vitest';
import { ROUTE_ARN } from '../../../../../test/fixtures/jwt/request.js';
import {
  ARN_PREFIX,
  setup,
  withKey,
  policy,
} from '../../../../../test/fixtures/jwt/lambdaAuthorizer.js';

describe('Lambda authorizer: result cache', () => {
  it('calls the function once for two requests with the same identity within the TTL', async () => {
    const { authorizer, fn } = setup(() => ({ isAuthorized: true }), { resultTtlInSeconds: 60 });

    await authorizer.authorize(withKey('k1'));
    const second = await authorizer.authorize(withKey('k1'));

    expect(second.allow).toBe(true);
    expect(fn.events).toHaveLength(1);
  });

  it('calls the function again once the TTL has passed, and for another identity', async () => {
    const { authorizer, fn, clock } = setup(() => ({ isAuthorized: true }), {
      resultTtlInSeconds: 60,
    });
    await authorizer.authorize(withKey('k1'));

    clock.now += 59_999;
    await authorizer.authorize(withKey('k1'));
    await authorizer.authorize(withKey('k2'));
    clock.now += 1;
    await authorizer.authorize(withKey('k1'));

    expect(fn.events.map((event) => event.identitySource)).toEqual([['k1'], ['k2'], ['k1']]);
  });

  it('caches denials too', async () => {
    const { authorizer, fn } = setup(() => ({ isAuthorized: false }));

    await authorizer.authorize(withKey('k1'));
    const second = await authorizer.authorize(withKey('k1'));

    expect(second).toMatchObject({ allow: false, status: 403 });
    expect(fn.events).toHaveLength(1);
  });

  it('does not cache failures', async () => {
    let calls = 0;
    const { authorizer } = setup(() =>
      ++calls === 1 ? Promise.reject(new Error('cold')) : { isAuthorized: true },
    );

    const decisions = [
      await authorizer.authorize(withKey('k1')),
      await authorizer.authorize(withKey('k1')),
    ];

    expect(decisions.map((decision) => decision.allow)).toEqual([false, true]);
  });

  it('evaluates a cached policy against each route: a policy naming one route denies the others', async () => {
    const { authorizer, fn } = setup(() => policy('Allow', ROUTE_ARN), {
      enableSimpleResponses: false,
    });

    const here = await authorizer.authorize(withKey('k1'));
    const there = await authorizer.authorize(withKey('k1', `${ARN_PREFIX}/GET/telemetry`));

    expect([here.allow, there.allow]).toEqual([true, false]);
    expect(fn.events).toHaveLength(1);
  });

  it('never caches with a TTL of 0 or without identity sources', async () => {
    const noTtl = setup(() => ({ isAuthorized: true }), { resultTtlInSeconds: 0 });
    const noSources = setup(() => ({ isAuthorized: true }), { identitySource: [] });

    for (const { authorizer } of [noTtl, noSources]) {
      await authorizer.authorize(withKey('k1'));
      await authorizer.authorize(withKey('k1'));
    }

    expect([noTtl.fn.events.length, noSources.fn.events.length]).toEqual([2, 2]);
  });
});
