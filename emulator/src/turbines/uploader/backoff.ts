/**
 * When to try a failed request again.
 *
 * Without a hint from the server: exponential backoff with FULL jitter (a uniformly random wait
 * between 0 and min(maxMs, baseMs * 2^attempt)), which AWS's architecture blog ("Exponential
 * Backoff And Jitter", 2015) showed spreads a crowd of clients best: 770 projects that lost the
 * API at the same moment must not come back in lock-step.
 *
 * With `Retry-After`: the server knows best, so the wait is at least what it asked (capped at
 * `maxRetryAfterMs`, in case of a nonsense date), plus up to `baseMs` of jitter for the same
 * reason as above.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 5000, maxRetryAfterMs: 60_000 };

/**
 * @param attempt 0 for the first retry of a request, 1 for the second...
 * @param random a uniform number in [0, 1); injected so tests can pin the jitter.
 *
 * @example
 * retryDelay(3, undefined, DEFAULT_BACKOFF); // somewhere in [0, 2000) ms
 * retryDelay(0, 5000, DEFAULT_BACKOFF); // somewhere in [5000, 5250) ms
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) {
    return Math.min(retryAfterMs, policy.maxRetryAfterMs) + random() * policy.baseMs;
  }
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return random() * ceiling;
}

/**
 * `Retry-After` as milliseconds from `now`: either delay-seconds or an HTTP-date (RFC 9110
 * section 10.2.3). A date in the past means "now" (0); anything unreadable is ignored.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // All three HTTP-date forms start with the day name; Date.parse alone would take "-3" as a year.
  if (!/^[A-Za-z]{3}/.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
