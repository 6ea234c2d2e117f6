import type { ThrottleSettings } from './config/types.js';

/** Milliseconds from any fixed origin; monotonic by default so wall-clock jumps cannot refill. */
export type Clock = () => number;

const monotonic: Clock = () => performance.now();

/**
 * A token bucket as API Gateway describes its throttling (AWS doc http-api-throttling.md): the
 * bucket holds at most `burstLimit` tokens, refills continuously at `rateLimit` tokens per second,
 * and each request takes one. It starts full, so a burst of `burstLimit` requests passes at once.
 * A `burstLimit` of 0 refuses everything, which is how AWS users switch a route off.
 *
 * @example
 * const bucket = new TokenBucket({ rateLimit: 10, burstLimit: 2 });
 * bucket.tryTake(); bucket.tryTake(); // true, true
 * bucket.tryTake();                   // false until 100 ms have passed
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly clock: Clock = monotonic,
  ) {
    this.tokens = settings.burstLimit;
    this.last = clock();
  }

  /** Whether a token is there now (after refilling), without taking it. */
  hasToken(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /** Takes a token if there is one; `false` means throttle the request. */
  tryTake(): boolean {
    if (!this.hasToken()) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(): void {
    const now = this.clock();
    const elapsedSeconds = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(
      this.settings.burstLimit,
      this.tokens + elapsedSeconds * this.settings.rateLimit,
    );
  }
}

/**
 * The throttling of one stage: its default bucket and one bucket per route that has its own
 * limits. Both apply to a request (AWS doc http-api-throttling.md: route-level limits are set on
 * top of the stage's default), and a request is counted against either only when both have a
 * token, so a route's refusals do not drain the stage.
 *
 * @example
 * const throttle = new StageThrottle(config.throttle, config.routes);
 * if (!throttle.admit('POST /measurements')) return gatewayError('throttled', requestId);
 */
export class StageThrottle {
  private readonly stage: TokenBucket;
  private readonly routes = new Map<string, TokenBucket>();

  constructor(
    stage: ThrottleSettings,
    routes: readonly { routeKey: string; throttle?: ThrottleSettings }[],
    clock: Clock = monotonic,
  ) {
    this.stage = new TokenBucket(stage, clock);
    for (const route of routes) {
      if (route.throttle) this.routes.set(route.routeKey, new TokenBucket(route.throttle, clock));
    }
  }

  /** `true` when the request may go on (and is counted), `false` when it is throttled. */
  admit(routeKey: string): boolean {
    const route = this.routes.get(routeKey);
    if (route && !route.hasToken()) return false;
    if (!this.stage.tryTake()) return false;
    route?.tryTake();
    return true;
  }
}
