/**
 * At most `calls` starts in any window of `perMs`, first come first served. A sliding window and
 * not a token bucket: a bucket of 60 that refills at one a second lets 119 calls through in some
 * 60-second window (a full bucket, then the refill), and OpenWeatherMap's free plan counts 60 calls
 * per minute; going over it gets the key blocked, not merely throttled.
 */
export interface RateLimit {
  calls: number;
  perMs: number;
}

/** OpenWeatherMap's free plan: 60 calls a minute (and 1,000,000 a month, which 60/min stays under). */
export const OWM_FREE_PLAN: RateLimit = { calls: 60, perMs: 60_000 };

export class SlidingWindowLimiter {
  private readonly starts: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private waiting = 0;
  private blockedUntil = 0;

  private readonly now = Date.now;

  constructor(private readonly limit: RateLimit) {
    if (!(limit.calls >= 1) || !(limit.perMs > 0)) {
      throw new RangeError(
        `rate limit must allow at least 1 call in a positive window, got ${JSON.stringify(limit)}`,
      );
    }
  }

  /** Whether a call could start right now without waiting. */
  canStartNow(): boolean {
    this.prune();
    return (
      this.waiting === 0 && this.now() >= this.blockedUntil && this.starts.length < this.limit.calls
    );
  }

  /** Resolves when the caller may start its call; the start is counted then. */
  acquire(): Promise<void> {
    this.waiting++;
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.finally(() => {
      this.waiting--;
    });
    return turn;
  }

  /** After the server said "too many requests": start nothing for a while. */
  pause(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      this.prune();
      const now = this.now();
      if (now < this.blockedUntil) await sleep(this.blockedUntil - now);
      else if (this.starts.length < this.limit.calls) {
        this.starts.push(now);
        return;
      } else await sleep((this.starts[0] as number) + this.limit.perMs - now);
    }
  }

  private prune(): void {
    const horizon = this.now() - this.limit.perMs;
    while (this.starts.length > 0 && (this.starts[0] as number) <= horizon) this.starts.shift();
  }
}

/** Unref'd: a queue of weather calls must not keep a finished process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)).unref());
}
