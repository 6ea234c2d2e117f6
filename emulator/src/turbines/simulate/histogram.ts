/**
 * A small streaming latency histogram with log-linear buckets (the HdrHistogram idea, in a few
 * lines): values are counted in microseconds; below 16 us every value has its own bucket, above
 * that each power of two is split into 16 equal buckets. Any quantile is then known to within
 * 1/16 (6.25 %) of the true value, in constant memory (at most ~600 buckets up to days), however
 * many requests a run makes; no samples are kept.
 *
 * @example
 * const h = new LatencyHistogram();
 * h.record(3.2); // ms
 * h.quantile(0.99); // ms, an upper bound within 6.25 %
 */
export class LatencyHistogram {
  private readonly counts: number[] = [];
  private total = 0;
  private max = 0;
  private min = Infinity;

  get count(): number {
    return this.total;
  }

  record(ms: number): void {
    if (!(ms >= 0)) return;
    const index = bucketOf(Math.ceil(ms * 1000));
    this.counts[index] = (this.counts[index] ?? 0) + 1;
    this.total += 1;
    this.max = Math.max(this.max, ms);
    this.min = Math.min(this.min, ms);
  }

  /**
   * The smallest bucket bound with at least `q` of the values at or below it, in ms (clamped to
   * the observed min and max, so `quantile(1)` is the exact maximum). 0 when empty.
   */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, upperBoundOf(i) / 1000));
    }
    return this.max;
  }

  /** Adds another histogram's counts (e.g. per-second windows into a run total). */
  merge(other: LatencyHistogram): void {
    other.counts.forEach((n, i) => (this.counts[i] = (this.counts[i] ?? 0) + (n ?? 0)));
    this.total += other.total;
    this.max = Math.max(this.max, other.max);
    this.min = Math.min(this.min, other.min);
  }
}

const SUB_BUCKETS = 16;
const SUB_BITS = 4;

/** Bucket index of a value in microseconds. */
export function bucketOf(us: number): number {
  if (us < SUB_BUCKETS) return us;
  const exponent = Math.floor(Math.log2(us));
  const shift = exponent - SUB_BITS;
  const sub = Math.floor(us / 2 ** shift) - SUB_BUCKETS;
  return SUB_BUCKETS + shift * SUB_BUCKETS + sub;
}

/** The largest microsecond value that falls in bucket `index`. */
export function upperBoundOf(index: number): number {
  if (index < SUB_BUCKETS) return index;
  const shift = Math.floor((index - SUB_BUCKETS) / SUB_BUCKETS);
  const sub = (index - SUB_BUCKETS) % SUB_BUCKETS;
  return (SUB_BUCKETS + sub + 1) * 2 ** shift - 1;
}
