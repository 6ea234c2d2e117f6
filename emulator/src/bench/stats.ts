/** Latency samples of one scenario, in ms; percentiles by nearest rank over the sorted samples. */
export class Latencies {
  private samples = new Float64Array(1024);
  private count = 0;

  add(ms: number): void {
    if (this.count === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.count++] = ms;
  }

  get size(): number {
    return this.count;
  }

  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const sorted = this.samples.slice(0, this.count).sort();
    const rank = Math.min(this.count - 1, Math.max(0, Math.ceil((p / 100) * this.count) - 1));
    return sorted[rank]!;
  }
}
