import type { RejectionCode, StoreUnavailableError } from '../TelemetryStore.js';
import {
  influxMessage,
  isPointRejection,
  isUnavailable,
  rejectionCode,
  toStorageError,
} from './errors.js';

export const WRITE_CHUNK_POINTS = 5000;

export interface ChunkedWriteOutcome<T> {
  written: T[];
  refused: { item: T; code: RejectionCode; reason: string }[];
  /** Set when InfluxDB became unavailable; `unwritten` then holds what was not attempted. */
  unavailable?: StoreUnavailableError;
  unwritten: T[];
}

/**
 * Writes `items` in chunks of `chunkSize` (one request each). When InfluxDB refuses points
 * (400 "partial write: field type conflict ...", which names no point), the chunk is split in
 * halves until each refused point stands alone; points it already took are written again, which
 * changes nothing. Unavailability stops the writing: the rest is reported as `unwritten`.
 */
export async function chunkedWrite<T>(
  items: readonly T[],
  write: (chunk: T[]) => Promise<void>,
  chunkSize = WRITE_CHUNK_POINTS,
): Promise<ChunkedWriteOutcome<T>> {
  const outcome: ChunkedWriteOutcome<T> = { written: [], refused: [], unwritten: [] };
  const settled = new Set<T>();
  const bisect = async (chunk: T[]): Promise<void> => {
    try {
      await write(chunk);
      outcome.written.push(...chunk);
      chunk.forEach((item) => settled.add(item));
    } catch (error) {
      if (!isPointRejection(error)) throw error;
      const [only] = chunk;
      if (chunk.length === 1 && only !== undefined) {
        const refusal = { code: rejectionCode(error), reason: influxMessage(error) };
        outcome.refused.push({ item: only, ...refusal });
        settled.add(only);
        return;
      }
      const middle = Math.ceil(chunk.length / 2);
      await bisect(chunk.slice(0, middle));
      await bisect(chunk.slice(middle));
    }
  };
  try {
    for (let start = 0; start < items.length; start += chunkSize) {
      await bisect(items.slice(start, start + chunkSize));
    }
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    outcome.unavailable = toStorageError(error, 'write') as StoreUnavailableError;
    outcome.unwritten = items.filter((item) => !settled.has(item));
  }
  return outcome;
}
