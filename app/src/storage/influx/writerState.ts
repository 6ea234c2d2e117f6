import type { InfluxStoreOptions } from './connection.js';
import { KeyedLock } from './keyedLock.js';
import { LatestTimes } from './latestTimes.js';
import { PendingWrites } from './pendingWrites.js';
import { WriteCoalescer } from './writeCoalescer.js';

/**
 * What the stores of one process that write to the same InfluxDB share: the lock on record identities, the
 * latest times (latestTimes.ts), the writes in flight without the lock (pendingWrites.ts) and the
 * group commit of writes (writeCoalescer.ts). Keyed by URL, or by the client object passed in. In the
 * emulated stack every Lambda environment builds its own store, as in AWS; sharing these keeps
 * two environments from checking and writing the same series at once.
 */
export interface WriterState {
  lock: KeyedLock;
  latest: LatestTimes;
  pending: PendingWrites;
  writes: WriteCoalescer;
}

const byUrl = new Map<string, WriterState>();
const byClient = new WeakMap<object, WriterState>();

export function writerStateFor(options: InfluxStoreOptions): WriterState {
  if (options.client) {
    let state = byClient.get(options.client);
    if (!state) byClient.set(options.client, (state = newState()));
    return state;
  }
  const url = options.url ?? '';
  let state = byUrl.get(url);
  if (!state) byUrl.set(url, (state = newState()));
  return state;
}

const newState = (): WriterState => ({
  lock: new KeyedLock(),
  latest: new LatestTimes(),
  pending: new PendingWrites(),
  writes: new WriteCoalescer(),
});
