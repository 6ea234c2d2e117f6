import type { InfluxStoreOptions } from './connection.js';
import { KeyedLock } from './keyedLock.js';
import { LatestTimes } from './latestTimes.js';
import { PendingWrites } from './pendingWrites.js';
import { schemaEntries, type SchemaEntries } from './schema.js';
import { WriteCoalescer } from './writeCoalescer.js';

/**
 * What the stores of one process that write to the same InfluxDB share: the lock on record identities, the
 * latest times (latestTimes.ts), the writes in flight without the lock (pendingWrites.ts), the
 * group commit of writes (writeCoalescer.ts), the schemas read (schema.ts) and the databases
 * created. Keyed by URL, or by the client object passed in. In the emulated stack every Lambda
 * environment builds its own store, as in AWS; sharing these keeps two environments from checking
 * and writing the same series at once, and spares each new environment the requests that come
 * before its first write (CREATE DATABASE, SHOW FIELD KEYS, SHOW TAG KEYS). Without that, a burst
 * of cold starts in one process is a cascade: every new environment's first write waits for
 * those requests while more requests arrive and start more environments.
 */
export interface WriterState {
  lock: KeyedLock;
  latest: LatestTimes;
  pending: PendingWrites;
  writes: WriteCoalescer;
  schemas: SchemaEntries;
  /** `CREATE DATABASE` done or under way, by database name. */
  databases: Map<string, Promise<void>>;
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
  schemas: schemaEntries(),
  databases: new Map(),
});
