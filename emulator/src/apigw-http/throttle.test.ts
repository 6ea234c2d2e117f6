import { describe, expect, it } from 'vitest';
import { StageThrottle, TokenBucket } from './throttle.js';

function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const takeAll = (take: () => boolean, n: number) => Array.from({ length: n }, take);

describe('TokenBucket', () => {
  it('lets a full burst through at once, then refuses', () => {
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 3 }, fakeClock().now);

    expect(takeAll(() => bucket.tryTake(), 4)).toEqual([true, true, true, false]);
  });

  it('refills continuously at rateLimit per second, up to burstLimit', () => {
    const clock = fakeClock();
    const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 3 }, clock.now);
    takeAll(() => bucket.tryTake(), 3);

    clock.advance(99);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    clock.advance(60_000);
    expect(takeAll(() => bucket.tryTake(), 4)).toEqual([true, true, true, false]);
  });

  it('supports fractional rates and a burst of 0, which refuses everything', () => {
    const clock = fakeClock();
    const slow = new TokenBucket({ rateLimit: 0.5, burstLimit: 1 }, clock.now);
    const off = new TokenBucket({ rateLimit: 100, burstLimit: 0 }, clock.now);
    slow.tryTake();

    clock.advance(1_999);
    expect(slow.tryTake()).toBe(false);
    clock.advance(1);
    expect(slow.tryTake()).toBe(true);
    expect(off.tryTake()).toBe(false);
  });
});

describe('StageThrottle', () => {
  it('applies the route limit and the stage limit both', () => {
    const clock = fakeClock();
    const throttle = new StageThrottle(
      { rateLimit: 1, burstLimit: 3 },
      [{ routeKey: 'POST /m', throttle: { rateLimit: 1, burstLimit: 1 } }, { routeKey: 'GET /h' }],
      clock.now,
    );

    expect(takeAll(() => throttle.admit('POST /m'), 2)).toEqual([true, false]);
    expect(takeAll(() => throttle.admit('GET /h'), 3)).toEqual([true, true, false]);
  });

  it('does not count a request the route refused against the stage', () => {
    const throttle = new StageThrottle(
      { rateLimit: 1, burstLimit: 2 },
      [{ routeKey: 'POST /m', throttle: { rateLimit: 1, burstLimit: 0 } }],
      fakeClock().now,
    );

    expect(takeAll(() => throttle.admit('POST /m'), 5)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(takeAll(() => throttle.admit('$default'), 3)).toEqual([true, true, false]);
  });
});
