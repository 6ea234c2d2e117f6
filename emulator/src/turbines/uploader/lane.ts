import { retryDelay, type BackoffPolicy } from './backoff.js';
import type { Outcome, Rejection } from './outcome.js';
import type { Semaphore } from './semaphore.js';
import type { Spool, SpoolEntry } from './spool.js';

/** What the uploader reports, for counters and logs. */
export interface UploadEvents {
  /** A request ended: with an HTTP status and its latency, or without (network error, timeout). */
  request(latencyMs: number | undefined, status: number | undefined): void;
  acknowledged(project: string, count: number): void;
  rejected(project: string, rejections: (Rejection & { seq: number; instant: number })[]): void;
  retry(project: string, reason: string, delayMs: number): void;
  stopped(project: string, reason: string): void;
}

export interface LaneContext {
  spool: Spool;
  batch: number;
  semaphore: Semaphore;
  send(project: string, entries: SpoolEntry[]): Promise<Outcome>;
  backoff: BackoffPolicy;
  random: () => number;
  events: UploadEvents;
  /** Resolves when the uploader closes. */
  closing: Promise<void>;
  isClosing(): boolean;
}

/**
 * One project's sender: one request at a time, so the project's readings arrive in order, as a
 * single device would send them. Waits while it has nothing to send, backs off after failures
 * (without holding a concurrency slot), and stops for good on a bad token or URL.
 */
export class ProjectLane {
  readonly finished: Promise<void>;
  private wakeUp: (() => void) | undefined;

  constructor(
    readonly project: string,
    private readonly ctx: LaneContext,
  ) {
    this.finished = this.run();
  }

  /** New readings are ready. */
  wake(): void {
    this.wakeUp?.();
    this.wakeUp = undefined;
  }

  private async run(): Promise<void> {
    const { ctx, project } = this;
    let attempt = 0;
    while (!ctx.isClosing()) {
      const entries = ctx.spool.head(project, ctx.batch);
      if (entries.length === 0) {
        await this.until(new Promise<void>((resolve) => (this.wakeUp = resolve)));
        continue;
      }
      const outcome = await this.sendWithSlot(entries);
      if (!outcome) return;
      this.apply(entries, outcome);
      if (outcome.stop) return ctx.events.stopped(project, outcome.stop);
      if (!outcome.retry) {
        attempt = 0;
        continue;
      }
      const delay = retryDelay(attempt++, outcome.retry.retryAfterMs, ctx.backoff, ctx.random);
      ctx.events.retry(project, outcome.retry.reason, delay);
      await this.until(sleep(delay));
    }
  }

  /** Undefined when the uploader closed meanwhile (the readings stay spooled). */
  private async sendWithSlot(entries: SpoolEntry[]): Promise<Outcome | undefined> {
    await this.ctx.semaphore.acquire();
    try {
      if (this.ctx.isClosing()) return undefined;
      const outcome = await this.ctx.send(this.project, entries);
      return this.ctx.isClosing() && outcome.retry ? undefined : outcome;
    } finally {
      this.ctx.semaphore.release();
    }
  }

  private apply(entries: SpoolEntry[], outcome: Outcome): void {
    if (outcome.settled === 0) return;
    this.ctx.spool.done(this.project, outcome.settled);
    if (outcome.stored > 0) this.ctx.events.acknowledged(this.project, outcome.stored);
    if (outcome.rejected.length > 0) {
      const detailed = outcome.rejected.map((r) => ({
        ...r,
        seq: entries[r.index]!.seq,
        instant: entries[r.index]!.instant,
      }));
      this.ctx.events.rejected(this.project, detailed);
    }
  }

  private until(promise: Promise<void>): Promise<void> {
    return Promise.race([promise, this.ctx.closing]);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
