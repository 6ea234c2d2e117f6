import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for ids (request ids, trace ids, log stream names), drawn from a pool filled 4 KiB
 * at a time: one `randomFillSync` per request per id cost more than building the whole event.
 * The bytes are as random as `randomBytes` gives; they are ids, not secrets.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

export function randomIdBytes(n: number): Buffer {
  if (n > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} bytes, asked for ${n}`);
  if (used + n > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + n));
  used += n;
  return bytes;
}
