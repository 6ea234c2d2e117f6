import type { TableRef, TelemetryStore } from '../storage/TelemetryStore.js';
import { LIMITS, QueryParamError, type TimeRange } from './params.js';

export interface PowerQuery extends TimeRange {
  /** Bin width, ns. */
  bin: bigint;
  /** The measure name of the readings and the DOUBLE measure to add up. */
  measureName: string;
  measure: string;
  /** The dimension naming the device (one turbine or project): its readings are averaged per bin. */
  device: string;
  /** A dimension to total by as well (e.g. `project`). */
  by?: string;
}

export interface PowerPoint {
  /** Bin start, ns since the epoch. */
  time: bigint;
  /** Sum over devices of each device's mean in the bin, rounded to 0.001. */
  total: number;
  /** Devices that sent a reading in the bin. */
  devices: number;
  /** The value of `by`, when asked for (null for devices without that dimension). */
  group?: string | null;
}

export interface PowerResult {
  total: PowerPoint[];
  groups?: PowerPoint[];
}

/**
 * The fleet's power per bin, computed from the store's aggregates (`store.aggregate`: InfluxQL,
 * Timestream SQL or one pass in memory), never from raw readings pulled into the app: the store
 * returns each device's sum and count per bin, and the fleet total is the sum of the devices'
 * means, so a device reporting twice as often does not count twice. Totals are rounded to 0.001
 * (a watt, for kW), so that every backend gives the same digits for the same data.
 */
export async function fleetPower(
  store: TelemetryStore,
  table: TableRef,
  q: PowerQuery,
): Promise<PowerResult> {
  if ((q.to - q.from) / q.bin > BigInt(LIMITS.maxBins)) {
    throw new QueryParamError('bin', `makes more than ${LIMITS.maxBins} bins over this range`);
  }
  const groupBy = q.by === undefined || q.by === q.device ? [q.device] : [q.device, q.by];
  const rows = await store.aggregate(table, {
    from: q.from,
    to: q.to,
    measureNames: [q.measureName],
    bin: q.bin,
    groupBy,
    measures: [q.measure],
    stats: ['sum', 'count'],
  });
  const total = new Map<string, PowerPoint>();
  const groups = new Map<string, PowerPoint>();
  for (const row of rows) {
    const stats = row.measures[q.measure];
    if (!stats?.count || stats.sum === null || row.bin === undefined) continue;
    const mean = stats.sum / stats.count;
    add(total, String(row.bin), { time: row.bin }, mean);
    if (q.by !== undefined) {
      const group = row.group[q.by] ?? null;
      add(groups, JSON.stringify([String(row.bin), group]), { time: row.bin, group }, mean);
    }
  }
  const rounded = (points: Map<string, PowerPoint>) =>
    [...points.values()].map((p) => ({ ...p, total: Math.round(p.total * 1000) / 1000 }));
  return {
    total: rounded(total),
    ...(q.by === undefined ? {} : { groups: rounded(groups).sort(byTimeThenGroup) }),
  };
}

function add(
  points: Map<string, PowerPoint>,
  key: string,
  point: Omit<PowerPoint, 'total' | 'devices'>,
  mean: number,
): void {
  const known = points.get(key);
  if (known) {
    known.total += mean;
    known.devices++;
  } else {
    points.set(key, { ...point, total: mean, devices: 1 });
  }
}

function byTimeThenGroup(a: PowerPoint, b: PowerPoint): number {
  if (a.time !== b.time) return a.time < b.time ? -1 : 1;
  const [x, y] = [a.group ?? null, b.group ?? null];
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}
