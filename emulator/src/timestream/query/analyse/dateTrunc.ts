import { at, type Position } from '../errors.js';

/**
 * `date_trunc(unit, timestamp)` in UTC, Timestream's only zone (date-time-functions.html). Units
 * as in Trino: second, minute, hour, day, week (to Monday, ISO 8601), month, quarter, year.
 */
const FIXED_NS: Record<string, bigint> = {
  second: 1_000_000_000n,
  minute: 60_000_000_000n,
  hour: 3_600_000_000_000n,
  day: 86_400_000_000_000n,
};
const NS_PER_MS = 1_000_000n;

export function dateTrunc(unit: string, ns: bigint, pos: Position): bigint {
  const u = unit.toLowerCase();
  const fixed = FIXED_NS[u];
  if (fixed !== undefined) return ns - (ns % fixed);
  const date = new Date(Number(ns / NS_PER_MS));
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  let ms: number;
  if (u === 'week') {
    const day = Number(ns / (FIXED_NS['day'] as bigint));
    // 1970-01-01 was a Thursday: (day + 3) % 7 is the number of days since Monday.
    ms = (day - ((day + 3) % 7)) * 86_400_000;
  } else if (u === 'month') ms = Date.UTC(y, m, 1);
  else if (u === 'quarter') ms = Date.UTC(y, m - (m % 3), 1);
  else if (u === 'year') ms = Date.UTC(y, 0, 1);
  else throw at(pos, `'${unit}' is not a valid TIMESTAMP field`);
  if (ms < 0)
    throw at(pos, 'Timestamp is out of range: Timestream does not support negative time values');
  return BigInt(ms) * NS_PER_MS;
}
