import { isRetryable } from './errors.js';

/**
 * Our own retry loop, exponential backoff with full jitter (the AWS Architecture Blog's
 * "Exponential Backoff And Jitter": sleep = random(0, min(cap, base * 2^attempt))).
 *
 * It replaces the SDK's retries rather than adding to them: clients built from config get
 * `maxAttempts: 1`, so 5 attempts here means 5 requests, not 5 x 3. Ours is needed because a
 * chunk's outcome (stored, rejected, unavailable) is decided per chunk, and tests inject `sleep`
 * and `random` to see every delay.
 */
export interface RetryPolicy {
  /** Attempts in total, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  /** In [0, 1), like Math.random. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 100,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Delay before retry number `retry` (0 for the first retry). */
export function backoffDelay(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/** Runs `operation` until it succeeds, fails with a non-retryable error, or attempts run out. */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean = isRetryable,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= policy.maxAttempts || !retryable(error)) throw error;
      await policy.sleep(backoffDelay(attempt - 1, policy));
    }
  }
}
