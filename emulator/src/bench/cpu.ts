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

/**
 * Starts measuring; the returned function gives the CPU per point since then. Other processes are
 * read from /proc/<pid>/stat (utime + stime, all threads, in USER_HZ ticks: 100 a second on Linux),
 * so elsewhere only the load generator is reported.
 */
export async function startCpuMeter(
  watched: Watched,
): Promise<(points: number) => Promise<CpuPerPoint>> {
  const own = process.cpuUsage();
  const before = await ticksOf(watched);
  return async (points) => {
    if (points <= 0) return {};
    const after = await ticksOf(watched);
    const { user, system } = process.cpuUsage(own);
    const result: CpuPerPoint = { [LOAD_GENERATOR]: (user + system) / points };
    for (const [role, ticks] of Object.entries(after)) {
      const start = before[role];
      if (start !== undefined) result[role] = ((ticks - start) * MICROS_PER_TICK) / points;
    }
    return result;
  };
}

const MICROS_PER_TICK = 1_000_000 / 100;

async function ticksOf(watched: Watched): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(watched).map(async ([role, pid]) => {
      if (pid === undefined) return undefined;
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
      // Fields after "(comm) ": state is the 1st, utime the 12th, stime the 13th.
      const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields?.[11]) + Number(fields?.[12]);
      return Number.isFinite(ticks) ? ([role, ticks] as const) : undefined;
    }),
  );
  return Object.fromEntries(entries.filter((e) => e !== undefined));
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
