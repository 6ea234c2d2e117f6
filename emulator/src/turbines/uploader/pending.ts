import { parseEntries, readFrom, type SpoolEntry } from './segments.js';
import type { SegmentInfo } from './spoolScan.js';

/**
 * The spool's unfinished readings. Up to `memoryLimit` of them are held in memory, per project in
 * order; the rest stay on disk only, counted per project, and are read back (`refill`) as the
 * memory queue drains. A long outage of the API therefore costs disk, not memory.
 *
 * The "horizon" is the position in the segments up to which every reading is either in memory or
 * finished; every reading after it is on disk only. Because the segments are in delivery order
 * and the horizon only moves forward, reading back never reorders a project's readings.
 */
export class PendingReadings {
  private readonly queues = new Map<string, SpoolEntry[]>();
  private inMemory = 0;
  private diskOnly = 0;
  private horizon: { segment: SegmentInfo | undefined; offset: number };

  constructor(
    private readonly onDisk: Map<string, number>,
    firstSegment: SegmentInfo | undefined,
    private readonly memoryLimit: number,
  ) {
    for (const n of onDisk.values()) this.diskOnly += n;
    this.horizon = { segment: firstSegment, offset: 0 };
  }

  get total(): number {
    return this.inMemory + this.diskOnly;
  }

  of(project: string): number {
    return (this.queues.get(project)?.length ?? 0) + (this.onDisk.get(project) ?? 0);
  }

  projects(): string[] {
    const all = new Set([...this.queues.keys(), ...this.onDisk.keys()]);
    return [...all].filter((p) => this.of(p) > 0);
  }

  /** The segment the reader is in: it must not be deleted under it. */
  get readingSegment(): SegmentInfo | undefined {
    return this.horizon.segment;
  }

  /** Nothing will be read back any more (the spool is closing). */
  stopReading(): void {
    this.horizon = { segment: undefined, offset: 0 };
  }

  head(project: string, max: number): SpoolEntry[] {
    return (this.queues.get(project) ?? []).slice(0, max);
  }

  /** Removes the first `count` of `project`'s readings; returns the last one removed. */
  remove(project: string, count: number): SpoolEntry | undefined {
    const queue = this.queues.get(project);
    if (!queue || count <= 0) return undefined;
    const removed = queue.splice(0, count);
    this.inMemory -= removed.length;
    if (queue.length === 0) this.queues.delete(project);
    return removed[removed.length - 1];
  }

  /**
   * Takes note of readings just appended at the end of `segment`. With nothing waiting on disk
   * and room in memory they go straight to memory (and are ready to send: returned true);
   * otherwise they wait on disk behind the older ones.
   */
  appended(entries: SpoolEntry[], segment: SegmentInfo, wasCaughtUp: boolean): boolean {
    if (wasCaughtUp && this.inMemory + entries.length <= this.memoryLimit) {
      for (const e of entries) this.enqueue(e);
      this.horizon = { segment, offset: segment.bytes };
      return true;
    }
    for (const e of entries) this.onDisk.set(e.project, (this.onDisk.get(e.project) ?? 0) + 1);
    this.diskOnly += entries.length;
    return false;
  }

  get caughtUp(): boolean {
    return this.diskOnly === 0;
  }

  get wantsRefill(): boolean {
    return this.diskOnly > 0 && this.inMemory <= this.memoryLimit / 2;
  }

  /**
   * Reads readings after the horizon into memory, skipping finished ones, until the memory limit
   * or the end of the segments. Returns the projects that got readings.
   */
  async refill(segments: SegmentInfo[], lastDone: (project: string) => number): Promise<string[]> {
    const ready = new Set<string>();
    while (this.inMemory < this.memoryLimit && this.diskOnly > 0 && this.horizon.segment) {
      const { segment, offset } = this.horizon;
      const buffer = await readFrom(segment.file.path, offset);
      const { entries, ends } = parseEntries(buffer.subarray(0, segment.bytes - offset));
      let reached = segment.bytes;
      for (let i = 0; i < entries.length && reached === segment.bytes; i++) {
        const entry = entries[i]!;
        if (entry.seq > lastDone(entry.project)) {
          this.enqueue(entry);
          this.onDisk.set(entry.project, (this.onDisk.get(entry.project) ?? 1) - 1);
          this.diskOnly -= 1;
          ready.add(entry.project);
        }
        if (this.inMemory >= this.memoryLimit) reached = offset + ends[i]!;
      }
      const next = segments[segments.indexOf(segment) + 1];
      if (reached === segment.bytes && next) {
        this.horizon = { segment: next, offset: 0 };
        continue;
      }
      this.horizon = { segment, offset: reached };
      if (reached === segment.bytes) break; // the end of the last segment
    }
    return [...ready];
  }

  private enqueue(entry: SpoolEntry): void {
    const queue = this.queues.get(entry.project);
    if (queue) queue.push(entry);
    else this.queues.set(entry.project, [entry]);
    this.inMemory += 1;
  }
}
