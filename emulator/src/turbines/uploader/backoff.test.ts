import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay } from './backoff.js';

const policy = { baseMs: 100, maxMs: 1000, maxRetryAfterMs: 30_000 };

describe('retryDelay', () => {
  it('spreads waits over [0, base * 2^attempt) with full jitter', () => {
    expect(retryDelay(0, undefined, policy, () => 0)).toBe(0);
    expect(retryDelay(0, undefined, policy, () => 0.999)).toBeCloseTo(99.9);
    expect(retryDelay(3, undefined, policy, () => 0.5)).toBe(400);
  });

  it('never waits longer than maxMs without a Retry-After', () => {
    expect(retryDelay(50, undefined, policy, () => 0.999)).toBeLessThan(1000);
    expect(retryDelay(5000, undefined, policy, () => 0.5)).toBe(500);
  });

  it('waits at least what Retry-After asks, plus up to baseMs of jitter', () => {
    expect(retryDelay(7, 5000, policy, () => 0)).toBe(5000);
    expect(retryDelay(0, 5000, policy, () => 0.999)).toBeCloseTo(5099.9);
  });

  it('caps an absurd Retry-After', () => {
    expect(retryDelay(0, 86_400_000, policy, () => 0)).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('5', now)).toBe(5000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });

  it('reads an HTTP-date as the time left until it', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:07 GMT', now)).toBe(7000);
  });

  it('treats a past date as now and ignores what it cannot read', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
