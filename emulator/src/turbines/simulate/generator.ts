import type { WireRecord } from '../../../../app/src/telemetry/record.js';
import type { Project, ReadingSource } from '../types.js';
import { SpoolFullError, type Spool } from '../uploader/index.js';

export interface GeneratorOptions {
  projects: Project[];
  source: ReadingSource;
  spool: Spool;
  intervalMs: number;
  /** When the run started (ms). Live instants start at this time rounded down to the interval. */
  startMs: number;
  /** Live instants are those before `startMs` (rounded down) + this; none: until `signal`. */
  durationMs?: number;
  /** How far back a restart fills in instants missed while the simulator was down. */
  maxBackfillMs: number;
  /** True for a project that stopped sending (bad token): it stops measuring too. */
  isStopped: (project: string) => boolean;
  /** Stop generating (SIGINT). */
  signal?: AbortSignal;
  now: () => number;
  onGenerated: (count: number) => void;
  onFailed: (project: Project, error: unknown) => void;
  onDropped: (count: number, error: SpoolFullError) => void;
}

/**
 * The fleet measuring: every `intervalMs`, each project takes its readings for that instant and
 * they go to the spool before anything is sent, whether or not the API is reachable.
 *
 * Instants are multiples of the interval (epoch-aligned), so every run lays readings on the same
 * grid. A project resumes right after the last instant the spool says it generated: a restart
 * never generates an instant twice, and the instants missed while the simulator was down (up to
 * `maxBackfillMs`) are filled in, as a turbine's controller keeps measuring while its uplink is
 * down. Instants that fall behind the clock (slow generation) are caught up, never skipped.
 */
export async function generate(options: GeneratorOptions): Promise<void> {
  const { intervalMs, spool } = options;
  const liveStart = alignDown(options.startMs, intervalMs);
  const end = options.durationMs === undefined ? Infinity : liveStart + options.durationMs;
  const earliest = alignDown(liveStart - options.maxBackfillMs, intervalMs);
  const next = new Map<Project, number>();
  for (const project of options.projects) {
    const last = spool.lastInstant(project.id);
    next.set(
      project,
      last === undefined ? liveStart : Math.max(alignDown(last, intervalMs) + intervalMs, earliest),
    );
  }
  for (;;) {
    const active = options.projects.filter((p) => !options.isStopped(p.id));
    const instant = Math.min(...active.map((p) => next.get(p)!));
    if (!(instant < end) || options.signal?.aborted) return;
    if (!(await sleepUntil(instant, options))) return;
    const due = active.filter((p) => next.get(p) === instant);
    await generateInstant(instant, due, options);
    for (const project of due) next.set(project, instant + intervalMs);
  }
}

async function generateInstant(
  instant: number,
  due: Project[],
  options: GeneratorOptions,
): Promise<void> {
  const results = await Promise.all(
    due.map((project) =>
      options.source.readingsAt(project, instant).then(
        (records): { project: Project; records: WireRecord[] } => ({ project, records }),
        (error: unknown) => {
          options.onFailed(project, error);
          return { project, records: [] };
        },
      ),
    ),
  );
  const readings = results.flatMap(({ project, records }) =>
    records.map((record) => ({ project: project.id, record })),
  );
  try {
    await options.spool.append(instant, readings);
    options.onGenerated(readings.length);
  } catch (error) {
    if (!(error instanceof SpoolFullError)) throw error;
    options.onDropped(readings.length, error);
  }
}

/** Waits until `instant`; false if the run was stopped meanwhile. */
async function sleepUntil(instant: number, options: GeneratorOptions): Promise<boolean> {
  const wait = instant - options.now();
  if (wait <= 0) return !options.signal?.aborted;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, wait);
    options.signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', done);
      resolve();
    }
  });
  return !options.signal?.aborted;
}

export function alignDown(ms: number, intervalMs: number): number {
  return Math.floor(ms / intervalMs) * intervalMs;
}
