import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatDuration } from './duration.js';
import { ms } from './progress.js';
import type { SimulationStats } from './stats.js';

/**
 * The final counts of a run, also written by `--report-json` for scripts. `generated`,
 * `acknowledged`, `rejected`, `sent`, `retried` are this run's; `spooled` is what the spool still
 * holds at the end (including readings of earlier runs); `lifetimeGenerated` counts every reading
 * generated into this spool directory across runs and restarts, which is the number to compare
 * with what the store holds after a crash and restart.
 */
export interface SimulationReport {
  generated: number;
  acknowledged: number;
  rejected: number;
  spooled: number;
  sent: number;
  retried: number;
  /** Retries by reason (`HTTP 503`, `ECONNREFUSED`, `ETIMEDOUT`...). */
  retryReasons: Record<string, number>;
  durationMs: number;
  latencyMs: { p50: number; p99: number };
  /** Projects in the fleet. */
  projects: number;
  /** Acknowledged records per second over the run. */
  ratePerSecond: number;
  lifetimeGenerated: number;
  /** Readings the fleet model failed to produce, and readings refused by a full spool. */
  failedReadings: number;
  dropped: number;
  /** Projects that stopped sending, and why (a refused token, a wrong URL). */
  stopped: { project: string; reason: string }[];
  /** Stopped by a signal rather than by reaching --duration. */
  interrupted: boolean;
}

export function buildReport(
  stats: SimulationStats,
  facts: {
    spooled: number;
    durationMs: number;
    projects: number;
    lifetimeGenerated: number;
    interrupted: boolean;
  },
): SimulationReport {
  return {
    generated: stats.generated,
    acknowledged: stats.acknowledgedCount,
    rejected: stats.rejectedCount,
    spooled: facts.spooled,
    sent: stats.sent,
    retried: stats.retried,
    retryReasons: Object.fromEntries(stats.retryReasons),
    durationMs: facts.durationMs,
    latencyMs: {
      p50: round(stats.latency.quantile(0.5)),
      p99: round(stats.latency.quantile(0.99)),
    },
    projects: facts.projects,
    ratePerSecond: round(stats.acknowledgedCount / Math.max(0.001, facts.durationMs / 1000)),
    lifetimeGenerated: facts.lifetimeGenerated,
    failedReadings: stats.failedReadings,
    dropped: stats.dropped,
    stopped: [...stats.stoppedProjects].map(([project, reason]) => ({ project, reason })),
    interrupted: facts.interrupted,
  };
}

/** The human summary printed at the end of a run. */
export function formatSummary(r: SimulationReport): string {
  const lines = [
    `simulate: ${r.projects} projects for ${formatDuration(r.durationMs)}${r.interrupted ? ' (interrupted)' : ''}`,
    `  readings  generated ${r.generated}, acknowledged ${r.acknowledged}, rejected ${r.rejected}, still spooled ${r.spooled}`,
    `  requests  sent ${r.sent}, retried ${r.retried}, ${Math.round(r.ratePerSecond)} records/s, latency p50 ${ms(r.latencyMs.p50)} p99 ${ms(r.latencyMs.p99)}`,
  ];
  const reasons = Object.entries(r.retryReasons).map(([reason, n]) => `${reason} x${n}`);
  if (reasons.length > 0) lines.push(`  retries   ${reasons.join(', ')}`);
  if (r.failedReadings > 0)
    lines.push(`  ${r.failedReadings} readings could not be generated (see the log)`);
  if (r.dropped > 0) lines.push(`  ${r.dropped} readings were NOT spooled: the spool was full`);
  for (const s of r.stopped) lines.push(`  stopped ${s.project}: ${s.reason}`);
  if (r.spooled > 0)
    lines.push(`  the spooled readings are sent on the next run with the same --spool`);
  return lines.join('\n');
}

export async function writeReportJson(path: string, report: SimulationReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
