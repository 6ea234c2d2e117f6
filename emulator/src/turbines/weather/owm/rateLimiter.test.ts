import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter } from './rateLimiter.js';

/** Start times (ms after the first) of `n` acquisitions made at once. */
async function startTimes(limiter: SlidingWindowLimiter, n: number): Promise<number[]> {
  const t0 = Date.now();
  return Promise.all(
    Array.from({ length: n }, () => limiter.acquire().then(() => Date.now() - t0)),
  );
}

describe('SlidingWindowLimiter', () => {
  it('lets `calls` start at once and holds the rest until the window slides', async () => {
    const times = await startTimes(new SlidingWindowLimiter({ calls: 2, perMs: 150 }), 5);
    expect(times[1]).toBeLessThan(100);
    expect(times[2]).toBeGreaterThanOrEqual(140);
    expect(times[4]).toBeGreaterThanOrEqual(290);
    // Never more than 2 starts in any 150 ms window (with 10 ms timer slack).
    for (let i = 2; i < times.length; i++)
      expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(140);
  });

  it('starts calls in the order they asked', async () => {
    const limiter = new SlidingWindowLimiter({ calls: 1, perMs: 20 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
  });

  it('says whether a call could start now', async () => {
    const limiter = new SlidingWindowLimiter({ calls: 1, perMs: 60_000 });
    expect(limiter.canStartNow()).toBe(true);
    await limiter.acquire();
    expect(limiter.canStartNow()).toBe(false);
  });

  it('starts nothing while paused after a "too many requests"', async () => {
    const limiter = new SlidingWindowLimiter({ calls: 10, perMs: 1_000 });
    limiter.pause(120);
    expect(limiter.canStartNow()).toBe(false);
    const [first] = await startTimes(limiter, 1);
    expect(first).toBeGreaterThanOrEqual(110);
  });

  it('refuses a limit that allows nothing', () => {
    expect(() => new SlidingWindowLimiter({ calls: 0, perMs: 1_000 })).toThrow(RangeError);
  });
});
