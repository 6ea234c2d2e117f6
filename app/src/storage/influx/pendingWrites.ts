/**
 * Writes in flight per record identity, for writers that skip the lock: a batch whose records
 * are all later than anything stored (latestTimes.ts) is written at once, without the lock, and
 * is tracked here instead, so that a checked write of the same identity first waits for it to
 * land (or fail) before reading what is stored.
 *
 * Tracking is the hot path (every telemetry write) and waiting the rare one (a record at or before
 * its series' latest time), so a tracked write keeps its keys as a function and they are built
 * only if some checked write asks about them.
 */
export class PendingWrites {
  private readonly writes = new Set<Tracked>();

  /**
   * Tracks `write` under the identities `keys()` gives until it settles; returns it. Call in the
   * same tick as the claim.
   */
  track<T>(keys: () => readonly string[], write: Promise<T>): Promise<T> {
    const settle = () => undefined;
    const tracked: Tracked = { keys, settled: write.then(settle, settle) };
    this.writes.add(tracked);
    void tracked.settled.then(() => this.writes.delete(tracked));
    return write;
  }

  /** Resolves once every write in flight now under any of `keys` has settled. */
  settled(keys: Iterable<string>): Promise<unknown> {
    const wanted = new Set(keys);
    const waits: Promise<unknown>[] = [];
    if (wanted.size === 0) return Promise.all(waits);
    for (const tracked of this.writes) {
      tracked.known ??= new Set(tracked.keys());
      for (const key of wanted) {
        if (!tracked.known.has(key)) continue;
        waits.push(tracked.settled);
        break;
      }
    }
    return Promise.all(waits);
  }

  /** Number of writes in flight (for tests). */
  get size(): number {
    return this.writes.size;
  }
}

interface Tracked {
  keys: () => readonly string[];
  /** The keys, once a checked write has asked. */
  known?: Set<string>;
  settled: Promise<unknown>;
}
