/**
 * Authorizer results by identity-source values, each kept for the TTL
 * (`authorizerResultTtlInSeconds`, AWS doc http-api-lambda-authorizer, "Caching"). Both allowing
 * and denying results are cached, as in AWS: a denied caller stays denied until the entry expires.
 * Bounded, oldest first out, so a client cycling tokens cannot grow it without limit.
 *
 * @example
 * const cache = new ResultCache<string>(300_000, Date.now);
 * cache.set(key, 'allow'); cache.get(key); // 'allow' for the next five minutes
 */
export class ResultCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() < entry.expiresAt) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }
}
