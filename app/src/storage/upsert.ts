import type { Measure, TelemetryRecord } from '../telemetry/record.js';
import type { RecordRejection } from './TelemetryStore.js';

/**
 * Timestream's upsert rules, shared by the adapters that must enforce them themselves (memory,
 * influx); Timestream enforces them server-side. Source: WriteRecords API reference, "Upserts"
 * (shared/research/timestream.md §3.3).
 *
 * - no record with the same dimensions, measure name and time: write it;
 * - same measure value and version not higher: accepted, nothing to write (retry-safe);
 * - higher version: replace value and version;
 * - different value without a higher version: rejected, with the existing version.
 */
export type UpsertDecision =
  | { action: 'write' }
  | { action: 'keep' }
  | { action: 'reject'; rejection: Omit<RecordRejection, 'index'> };

export function decideUpsert(
  existing: TelemetryRecord | undefined,
  incoming: TelemetryRecord,
): UpsertDecision {
  if (!existing) return { action: 'write' };
  if (incoming.version > existing.version) return { action: 'write' };
  if (sameMeasure(existing.measure, incoming.measure)) return { action: 'keep' };
  return {
    action: 'reject',
    rejection: {
      code: 'VersionConflict',
      // Timestream's current wording (aws/aws-sdk-pandas#2018).
      reason:
        `The record version ${incoming.version} is lower than the existing version ` +
        `${existing.version}. A higher version is required to update the measure value.`,
      existingVersion: existing.version,
    },
  };
}

/** Values compare by meaning, not spelling: "1.50" and "1.5" are the same DOUBLE. */
export function sameMeasure(a: Measure, b: Measure): boolean {
  if (a.kind === 'single' && b.kind === 'single') {
    return a.type === b.type && sameValue(a.type, a.value, b.value);
  }
  if (a.kind === 'multi' && b.kind === 'multi') {
    if (a.values.length !== b.values.length) return false;
    const byName = new Map(a.values.map((v) => [v.name, v]));
    return b.values.every((v) => {
      const other = byName.get(v.name);
      return (
        other !== undefined && other.type === v.type && sameValue(v.type, other.value, v.value)
      );
    });
  }
  return false;
}

function sameValue(type: string, a: string, b: string): boolean {
  switch (type) {
    case 'DOUBLE':
      return Number(a) === Number(b);
    case 'BIGINT':
    case 'TIMESTAMP':
      return BigInt(a) === BigInt(b);
    case 'BOOLEAN':
      return a.toLowerCase() === b.toLowerCase();
    default:
      return a === b;
  }
}
