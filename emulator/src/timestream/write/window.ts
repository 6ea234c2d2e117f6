import { memoryRetentionMs, retentionMs, type TableEntry } from '../catalog/Catalog.js';

/**
 * Which timestamps a table accepts now, and into which store they go (research §3.4).
 *
 * - Memory store: `[now - MemoryStoreRetentionPeriodInHours, now + 15 min)`. The 15 minutes are
 *   the "Future ingestion period" of ts-limits.html. AWS's observed windows were 40 minutes wider
 *   than the retention (e.g. 7 d -> 7 d 40 min); where those minutes sit is NOT CONFIRMED, so we
 *   put the documented 15 at the future end and none at the past end.
 * - With `EnableMagneticStoreWrites`, older records go to the magnetic store, back to
 *   `now - (memory retention + magnetic retention)`: in natmasslove/aws_howto's experiment
 *   (12 h memory, 5 d magnetic) a record 5 d + 1 h old was accepted and one 5 d + 25 h old was
 *   rejected, which fits a bound of 5 d 12 h (our reading, NOT CONFIRMED further).
 * - Outside the window: a rejected record whose Reason names the half-open range with ISO-8601
 *   millisecond bounds, "... of the memory store." or "... of the data ingestion window."
 */
export interface IngestionWindow {
  /** ns since the epoch: first instant of the memory store. */
  memoryFrom: bigint;
  /** First accepted instant: memoryFrom, or earlier with magnetic-store writes. */
  from: bigint;
  /** First instant no longer accepted (exclusive). */
  to: bigint;
  magneticWrites: boolean;
}

export type Placement = 'memory' | 'magnetic' | 'outside';

const NS_PER_MS = 1_000_000n;
export const FUTURE_INGESTION_MS = 15 * 60 * 1000;

export function ingestionWindow(table: TableEntry, nowMs: number): IngestionWindow {
  const now = Math.floor(nowMs);
  const magneticWrites = table.magneticStoreWrites.EnableMagneticStoreWrites;
  const memoryFrom = BigInt(now - memoryRetentionMs(table)) * NS_PER_MS;
  const from = magneticWrites ? BigInt(now - retentionMs(table)) * NS_PER_MS : memoryFrom;
  return { memoryFrom, from, to: BigInt(now + FUTURE_INGESTION_MS) * NS_PER_MS, magneticWrites };
}

export function place(time: bigint, window: IngestionWindow): Placement {
  if (time < window.from || time >= window.to) return 'outside';
  return time >= window.memoryFrom ? 'memory' : 'magnetic';
}

/** The Reason of a record outside the window, in AWS's words. */
export function outsideReason(window: IngestionWindow): string {
  const range = `[${iso(window.from)}, ${iso(window.to)})`;
  const store = window.magneticWrites ? 'data ingestion window' : 'memory store';
  return `The record timestamp is outside the time range ${range} of the ${store}.`;
}

function iso(ns: bigint): string {
  return new Date(Number(ns / NS_PER_MS)).toISOString();
}
