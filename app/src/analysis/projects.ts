import type { TableRef, TelemetryStore } from '../storage/TelemetryStore.js';
import type { TimeRange } from './params.js';

export interface ProjectsQuery extends TimeRange {
  /** The measure name of the readings, and the DOUBLE measure to average (power). */
  measureName: string;
  measure: string;
  /** The dimension naming the device: one row per device. */
  device: string;
  /** A dimension shown next to the device (its project name), or none. */
  label?: string;
  /** More DOUBLE measures of each device's latest reading (wind speed, nominal power). */
  latest: string[];
}

export interface ProjectRow {
  device: string | null;
  label: string | null;
  /** Readings in the range that carry the measure as a DOUBLE. */
  readings: number;
  /** Mean of the measure over the range, rounded to 0.001. */
  mean: number | null;
  /** The device's newest reading in the range: its time, the measure and the `latest` measures. */
  latest: { time: bigint; values: Record<string, number | null> } | null;
}

/**
 * Each device's mean over the range and its latest reading, both computed by the store
 * (`aggregate` without bins, and `latest`), grouped by the device and its label. Sorted by
 * device, then label, as the store orders groups.
 */
export async function projectPower(
  store: TelemetryStore,
  table: TableRef,
  q: ProjectsQuery,
): Promise<ProjectRow[]> {
  const groupBy = q.label === undefined || q.label === q.device ? [q.device] : [q.device, q.label];
  const filter = { from: q.from, to: q.to, measureNames: [q.measureName], groupBy };
  const latestMeasures = [...new Set([q.measure, ...q.latest])];
  const [means, latest] = await Promise.all([
    store.aggregate(table, { ...filter, measures: [q.measure], stats: ['sum', 'count'] }),
    store.latest(table, { ...filter, measures: latestMeasures }),
  ]);
  const key = (group: Record<string, string | null>) =>
    JSON.stringify(groupBy.map((name) => group[name] ?? null));
  const rows = new Map<string, ProjectRow>();
  const row = (group: Record<string, string | null>): ProjectRow => {
    const k = key(group);
    let known = rows.get(k);
    if (!known) {
      known = {
        device: group[q.device] ?? null,
        label: q.label === undefined ? null : (group[q.label] ?? null),
        readings: 0,
        mean: null,
        latest: null,
      };
      rows.set(k, known);
    }
    return known;
  };
  for (const m of means) {
    const stats = m.measures[q.measure];
    const r = row(m.group);
    r.readings = stats?.count ?? 0;
    r.mean =
      stats?.count && stats.sum !== null
        ? Math.round((stats.sum / stats.count) * 1000) / 1000
        : null;
  }
  for (const l of latest) row(l.group).latest = { time: l.time, values: l.measures };
  return [...rows.values()];
}
