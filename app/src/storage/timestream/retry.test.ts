import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js';

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy & { delays: number[] } {
  const delays: number[] = [];
  return {
    ...DEFAULT_RETRY_POLICY,
    sleep: async (ms) => void delays.push(ms),
    random: () => 0.5,
    ...overrides,
    delays,
  };
}

const throttled = Object.assign(new Error('Request rate limit exceeded'), {
  name: 'ThrottlingException',
});

describe('backoffDelay', () => {
  it('doubles from 100 ms, caps at 5 s, and takes a random share of it (full jitter)', () => {
    const half = policy();
    expect([0, 1, 2, 5, 6, 10].map((n) => backoffDelay(n, half))).toEqual([
      50, 100, 200, 1600, 2500, 2500,
    ]);
    expect(backoffDelay(3, policy({ random: () => 0 }))).toBe(0);
    expect(backoffDelay(3, policy({ random: () => 0.999 }))).toBe(799);
  });
});

describe('withRetry', () => {
  it('retries a retryable failure and returns the later success', async () => {
    const p = policy();
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw throttled;
      return 'ok';
    }, p);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(p.delays).toEqual([50, 100]);
  });

  it('gives up after maxAttempts and throws the last error', async () => {
    const p = policy({ maxAttempts: 3 });
    let calls = 0;
    const run = withRetry(async () => {
      calls += 1;
      throw throttled;
    }, p);
    await expect(run).rejects.toBe(throttled);
    expect(calls).toBe(3);
    expect(p.delays).toHaveLength(2);
  });

  it('does not retry an error that is not retryable', async () => {
    const p = policy();
    const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException' });
    let calls = 0;
    const run = withRetry(async () => {
      calls += 1;
      throw denied;
    }, p);
    await expect(run).rejects.toBe(denied);
    expect(calls).toBe(1);
  });
});
