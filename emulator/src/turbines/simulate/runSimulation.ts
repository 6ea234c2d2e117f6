import type { Project, ReadingSource } from '../types.js';
import {
  createAuth,
  Spool,
  Uploader,
  type AuthOptions,
  type BackoffPolicy,
  type SpoolOptions,
} from '../uploader/index.js';
import { generate } from './generator.js';
import { startProgress, type ProgressOptions } from './progress.js';
import { buildReport, type SimulationReport } from './report.js';
import { SimulationStats } from './stats.js';

export interface SimulationOptions {
  /** The gateway, e.g. `http://localhost:3000`. */
  url: string;
  projects: Project[];
  source: ReadingSource;
  intervalMs: number;
  /** How long the fleet measures; none: until `signal` aborts. */
  durationMs?: number;
  /** Records per request (default 1: the bare record, as the original devices sent). */
  batch?: number;
  /** Requests in flight across the fleet (default: unbounded, one sender per project). */
  concurrency?: number;
  timeoutMs?: number;
  spoolDir: string;
  auth: AuthOptions;
  /** After measuring ends, how long to keep delivering before leaving the rest spooled (default 30 s). */
  drainMs?: number;
  /** How far back a restart fills in missed instants (default 1 h). */
  maxBackfillMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** Stop measuring (first Ctrl-C): delivery continues for `drainMs`. */
  signal?: AbortSignal;
  /** Stop delivering now (second Ctrl-C): what is left stays spooled. */
  drainSignal?: AbortSignal;
  /** Live progress; default none. */
  progress?: ProgressOptions;
  spool?: Omit<SpoolOptions, 'log'>;
  log?: (line: string) => void;
  now?: () => number;
}

/**
 * Runs the fleet against the API: measures every interval into the durable spool, delivers from
 * it, then drains and reports. Readings not delivered by the end stay in the spool directory and
 * go out first on the next run with the same directory.
 *
 * @example
 * const report = await runSimulation({
 *   url: 'http://localhost:3000', projects: fleet.projects, source, intervalMs: 1000,
 *   durationMs: 60_000, spoolDir: '.windtunnel/spool', auth: { mode: 'none' },
 * });
 * report.generated === report.acknowledged; // when the API stored everything
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const startMs = now();
  const stats = new SimulationStats(log, now);
  const spool = await Spool.open(options.spoolDir, { ...options.spool, log });
  const recovered = spool.pending;
  if (recovered > 0) log(`spool: ${recovered} readings from an earlier run are sent first`);
  const uploader = new Uploader({
    url: options.url,
    spool,
    auth: await createAuth(options.auth),
    ...(options.batch ? { batch: options.batch } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    events: stats,
  });
  uploader.add([...options.projects.map((p) => p.id), ...spool.projects()]);
  const progress = options.progress
    ? startProgress(stats, () => spool.pending, options.progress)
    : undefined;
  try {
    await generate({
      projects: options.projects,
      source: options.source,
      spool,
      intervalMs: options.intervalMs,
      startMs,
      ...(options.durationMs === undefined ? {} : { durationMs: options.durationMs }),
      maxBackfillMs: options.maxBackfillMs ?? 3_600_000,
      isStopped: (project) => uploader.stopped.has(project),
      ...(options.signal ? { signal: options.signal } : {}),
      now,
      onGenerated: (count) => (stats.generated += count),
      onFailed: (project, error) => {
        stats.failedReadings += 1;
        log(
          `no reading for ${project.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
      onDropped: (count, error) => {
        if (stats.dropped === 0) log(`spool full, readings are being dropped: ${error.message}`);
        stats.dropped += count;
      },
    });
    await uploader.whenIdle(options.drainMs ?? 30_000, options.drainSignal);
  } finally {
    progress?.stop();
    await uploader.close();
    await spool.close();
  }
  return buildReport(stats, {
    spooled: spool.pending,
    durationMs: now() - startMs,
    projects: options.projects.length,
    lifetimeGenerated: spool.generatedTotal,
    interrupted: options.signal?.aborted ?? false,
  });
}
