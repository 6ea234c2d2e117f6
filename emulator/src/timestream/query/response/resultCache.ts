import type { TelemetryStore } from '../../../../../app/src/storage/TelemetryStore.js';
import type { OutputColumn } from '../analyse/plan.js';
import type { QueryLimits } from '../context.js';
import type { Value } from '../types/values.js';

/**
 * Finished results waiting for their next page, and the ids of recent queries (for CancelQuery).
 * Timestream keeps a result for its NextToken for up to an hour (model docs for `NextToken`);
 * we keep at most `cacheEntries` results holding `cacheRows` rows in all, the oldest dropped first,
 * so paging through a big result works while memory stays bounded.
 */
export interface CachedResult {
  queryHash: string;
  columns: OutputColumn[];
  rows: Value[][];
  bytesScanned: number;
}

interface Entry extends CachedResult {
  expiresAt: number;
}

const MAX_KNOWN_IDS = 10_000;

export type CancelOutcome = 'cancelled' | 'already' | 'unknown';

export class ResultCache {
  private readonly results = new Map<string, Entry>();
  /** Query id -> cancelled?, for every query answered in the last TTL (oldest first). */
  private readonly known = new Map<string, { cancelled: boolean; expiresAt: number }>();

  constructor(public limits: QueryLimits) {}

  remember(queryId: string, now: number): void {
    this.known.set(queryId, { cancelled: false, expiresAt: now + this.limits.cacheTtlMs });
    if (this.known.size > MAX_KNOWN_IDS)
      this.known.delete(this.known.keys().next().value as string);
  }

  put(queryId: string, result: CachedResult, now: number): void {
    this.expire(now);
    this.results.set(queryId, { ...result, expiresAt: now + this.limits.cacheTtlMs });
    let rows = 0;
    for (const r of this.results.values()) rows += r.rows.length;
    // Drop the oldest results (never the one just added) until the limits hold.
    for (const [id, r] of this.results) {
      if (this.results.size <= this.limits.cacheEntries && rows <= this.limits.cacheRows) break;
      if (id === queryId) continue;
      rows -= r.rows.length;
      this.results.delete(id);
    }
  }

  get(queryId: string, now: number): CachedResult | undefined {
    this.expire(now);
    return this.results.get(queryId);
  }

  isCancelled(queryId: string): boolean {
    return this.known.get(queryId)?.cancelled === true;
  }

  cancel(queryId: string, now: number): CancelOutcome {
    this.expire(now);
    const entry = this.known.get(queryId);
    if (!entry) return 'unknown';
    this.results.delete(queryId);
    if (entry.cancelled) return 'already';
    entry.cancelled = true;
    return 'cancelled';
  }

  private expire(now: number): void {
    for (const [id, r] of this.results) if (r.expiresAt <= now) this.results.delete(id);
    for (const [id, k] of this.known) {
      if (k.expiresAt > now) break;
      this.known.delete(id);
    }
  }
}

const caches = new WeakMap<TelemetryStore, ResultCache>();

/** One cache per store: a server (and each test with its own store) gets its own. */
export function resultCacheFor(store: TelemetryStore, limits: QueryLimits): ResultCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new ResultCache(limits)));
  cache.limits = limits;
  return cache;
}
