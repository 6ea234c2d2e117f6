import type { UploadEvents } from '../uploader/index.js';
import { LatencyHistogram } from './histogram.js';

/** Rejections logged one by one before the log only counts them (an invalid fleet would flood it). */
const REJECTIONS_LOGGED = 10;

export interface StatsWindow {
  /** Records acknowledged per second since the previous window. */
  rate: number;
  p50: number;
  p99: number;
}

/**
 * The run's counters, fed by the uploader's events and the generator. `latency` covers the whole
 * run (for the report); `takeWindow()` gives the rate and latency since its last call (for the
 * live progress line).
 */
export class SimulationStats implements UploadEvents {
  generated = 0;
  /** Readings the fleet model could not produce (e.g. weather provider down): instant skipped. */
  failedReadings = 0;
  /** Readings not spooled because the spool's disk budget was used up. */
  dropped = 0;
  sent = 0;
  acknowledgedCount = 0;
  rejectedCount = 0;
  retried = 0;
  lastRetryReason: string | undefined;
  /** Why requests were retried (HTTP 503, ECONNREFUSED, ETIMEDOUT...), with counts. */
  readonly retryReasons = new Map<string, number>();
  readonly stoppedProjects = new Map<string, string>();
  readonly latency = new LatencyHistogram();
  private window = new LatencyHistogram();
  private windowAcked = 0;
  private windowStarted: number;

  constructor(
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    this.windowStarted = now();
  }

  request(latencyMs: number | undefined): void {
    this.sent += 1;
    if (latencyMs === undefined) return;
    this.latency.record(latencyMs);
    this.window.record(latencyMs);
  }

  acknowledged(_project: string, count: number): void {
    this.acknowledgedCount += count;
    this.windowAcked += count;
  }

  rejected(
    project: string,
    rejections: { code: string; reason?: string; instant: number }[],
  ): void {
    for (const r of rejections) {
      this.rejectedCount += 1;
      if (this.rejectedCount <= REJECTIONS_LOGGED) {
        const when = new Date(r.instant).toISOString();
        this.log(`rejected: ${project} ${when} ${r.code}${r.reason ? `: ${r.reason}` : ''}`);
      } else if (this.rejectedCount === REJECTIONS_LOGGED + 1) {
        this.log('rejected: more rejections are only counted');
      }
    }
  }

  retry(_project: string, reason: string): void {
    this.retried += 1;
    this.lastRetryReason = reason;
    this.retryReasons.set(reason, (this.retryReasons.get(reason) ?? 0) + 1);
  }

  stopped(project: string, reason: string): void {
    this.stoppedProjects.set(project, reason);
    this.log(`stopped ${project}: ${reason}`);
  }

  takeWindow(): StatsWindow {
    const now = this.now();
    const seconds = Math.max(0.001, (now - this.windowStarted) / 1000);
    const window = {
      rate: this.windowAcked / seconds,
      p50: this.window.quantile(0.5),
      p99: this.window.quantile(0.99),
    };
    this.window = new LatencyHistogram();
    this.windowAcked = 0;
    this.windowStarted = now;
    return window;
  }
}
