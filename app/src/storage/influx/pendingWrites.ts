/**
 * Writes in flight per record identity, for writers that skip the lock: a batch whose records
 * are all later than anything stored (latestTimes.ts) is written at once, without the lock, and
 * is tracked here instead, so that a checked write of the same identity first waits for it to
 * land (or fail) before reading what is stored.
 */
export class PendingWrites {
  private readonly byKey = new Map<string, Set<Promise<unknown>>>();

  /** Tracks `write` under `keys` until it settles; returns it. Call in the same tick as the claim. */
  track<T>(keys: readonly string[], write: Promise<T>): Promise<T> {
    const settled: Promise<unknown> = write.then(
      () => undefined,
      () => undefined,
    );
    const unique = [...new Set(keys)];
    for (const key of unique) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(settled);
    }
    void settled.then(() => {
      for (const key of unique) {
        const set = this.byKey.get(key);
        set?.delete(settled);
        if (set?.size === 0) this.byKey.delete(key);
      }
    });
    return write;
  }

  /** Resolves once every write in flight now under any of `keys` has settled. */
  settled(keys: Iterable<string>): Promise<unknown> {
    const waits: Promise<unknown>[] = [];
    for (const key of new Set(keys)) waits.push(...(this.byKey.get(key) ?? []));
    return Promise.all(waits);
  }

  /** Number of keys with a write in flight (for tests). */
  get size(): number {
    return this.byKey.size;
  }
}
