import { availableParallelism } from 'node:os';
import { readFile } from 'node:fs/promises';

/**
 * Where a scenario's CPU went: microseconds of CPU time per point written, by process. On this
 * kind of machine the load generator, the stack and InfluxDB share the same cores, so a ratio
 * target is also a CPU budget: what one process saves, another can spend.
 */
export type CpuPerPoint = Record<string, number>;

/** The processes to watch, by role; `undefined` pids (e.g. an InfluxDB given by URL) are skipped. */
export type Watched = Record<string, number | undefined>;

/** The bench's own process, measured with process.cpuUsage (all its threads). */
export const LOAD_GENERATOR = 'load generator';

/** What a scenario cost, from `startCpuMeter`. */
export interface CpuReport {
  perPoint: CpuPerPoint;
  /**
   * For the Node processes asked about: the share of the wall time their main thread (the one
   * event loop all their JavaScript runs on) was on a CPU. Near 1, that thread is the limit,
   * whatever the other core does.
   */
  mainThreadBusy: Record<string, number>;
}

/**
 * Starts measuring; the returned function gives the CPU per point since then. Other processes are
 * read from /proc/<pid>/stat (utime + stime, all threads, in USER_HZ ticks: 100 a second on Linux)
 * and their main thread from /proc/<pid>/task/<pid>/stat, so elsewhere only the load generator is
 * reported.
 */
export async function startCpuMeter(
  watched: Watched,
  /** Roles in `watched` that are Node processes, whose main thread is measured too. */
  nodeRoles: readonly string[] = [],
): Promise<(points: number) => Promise<CpuReport>> {
  const own = process.cpuUsage();
  const started = performance.now();
  const threads = mainThreads(watched, nodeRoles);
  const [before, beforeThreads] = await Promise.all([ticksOf(watched), ticksOf(threads)]);
  return async (points) => {
    const seconds = (performance.now() - started) / 1000;
    const [after, afterThreads] = await Promise.all([ticksOf(watched), ticksOf(threads)]);
    const report: CpuReport = { perPoint: {}, mainThreadBusy: {} };
    if (points > 0) {
      const { user, system } = process.cpuUsage(own);
      report.perPoint[LOAD_GENERATOR] = (user + system) / points;
      for (const [role, us] of Object.entries(spent(before, after))) {
        report.perPoint[role] = us / points;
      }
    }
    for (const [role, us] of Object.entries(spent(beforeThreads, afterThreads))) {
      if (seconds > 0) report.mainThreadBusy[role] = us / 1_000_000 / seconds;
    }
    return report;
  };
}

const MICROS_PER_TICK = 1_000_000 / 100;

/** The main thread of each Node process, as a path under /proc. */
function mainThreads(watched: Watched, nodeRoles: readonly string[]): Record<string, string> {
  const threads: Record<string, string> = {};
  for (const role of nodeRoles) {
    const pid = watched[role];
    if (pid !== undefined) threads[role] = `${pid}/task/${pid}`;
  }
  return threads;
}

/** Microseconds of CPU between two readings, by role. */
function spent(before: Record<string, number>, after: Record<string, number>) {
  const result: Record<string, number> = {};
  for (const [role, ticks] of Object.entries(after)) {
    const start = before[role];
    if (start !== undefined) result[role] = (ticks - start) * MICROS_PER_TICK;
  }
  return result;
}

/** utime + stime of each `/proc/<path>/stat`; a process or thread that is gone is left out. */
async function ticksOf(watched: Record<string, number | string | undefined>) {
  const entries = await Promise.all(
    Object.entries(watched).map(async ([role, path]) => {
      if (path === undefined) return undefined;
      const stat = await readFile(`/proc/${path}/stat`, 'utf8').catch(() => undefined);
      // Fields after "(comm) ": state is the 1st, utime the 12th, stime the 13th.
      const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields?.[11]) + Number(fields?.[12]);
      return Number.isFinite(ticks) ? ([role, ticks] as const) : undefined;
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined)) as Record<string, number>;
}

/**
 * What a ratio target means in CPU: at `target` times the raw throughput, with every core busy,
 * each point may cost at most `cores / (target x raw points/s)` of CPU in all. What the load
 * generator and InfluxDB spent per point in the measured run is taken off; what remains is the
 * most `role` may spend for the target to be reachable on this machine. An upper bound: it
 * assumes the cores are never idle.
 */
export interface CpuBudget {
  cores: number;
  allUsPerPoint: number;
  othersUsPerPoint: number;
  /** May be negative: then the target is out of reach even if `role` cost nothing. */
  leftUsPerPoint: number;
  tookUsPerPoint: number;
}

export function cpuBudget(
  rawPointsPerSecond: number,
  target: number,
  cpu: CpuPerPoint | undefined,
  role: string,
  cores = availableParallelism(),
): CpuBudget | undefined {
  const took = cpu?.[role];
  if (!cpu || took === undefined || !(rawPointsPerSecond > 0)) return undefined;
  const allUsPerPoint = (cores * 1_000_000) / (target * rawPointsPerSecond);
  const othersUsPerPoint = Object.entries(cpu)
    .filter(([r]) => r !== role)
    .reduce((sum, [, us]) => sum + us, 0);
  return {
    cores,
    allUsPerPoint,
    othersUsPerPoint,
    leftUsPerPoint: allUsPerPoint - othersUsPerPoint,
    tookUsPerPoint: took,
  };
}
