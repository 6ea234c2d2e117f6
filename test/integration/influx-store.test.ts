import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InfluxDB } from 'influx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InfluxTelemetryStore } from '../../app/src/storage/influx/index.js';
import { StoreUnavailableError, type TableRef } from '../../app/src/storage/TelemetryStore.js';
import type { Measure, TelemetryRecord } from '../../app/src/telemetry/record.js';
import { HOSTILE } from '../contract/telemetryStore.contract.js';
import { findInfluxd, startInfluxd, type InfluxdProcess } from '../helpers/influxd.js';
import {
  describeWithInflux,
  influxQuery,
  influxUrl,
  uniqueDatabaseName,
  useTestDatabase,
} from '../helpers/influxTest.js';

const T0 = 1_700_000_000_000_000_000n;
const SEC = 1_000_000_000n;
let tables = 0;

function rec(over: Partial<TelemetryRecord> & { time: bigint }): TelemetryRecord {
  return {
    dimensions: [{ name: 'turbine_id', value: 'A' }],
    measureName: 'power',
    version: 1n,
    measure: { kind: 'single', type: 'DOUBLE', value: '1500.5' },
    ...over,
  };
}
const single = (type: 'DOUBLE' | 'BIGINT' | 'VARCHAR' | 'BOOLEAN', value: string): Measure => ({
  kind: 'single',
  type,
  value,
});
const all = { from: 0n, to: T0 * 2n };

describeWithInflux('InfluxTelemetryStore against influxd', () => {
  const db = useTestDatabase('influx_store');
  let store: InfluxTelemetryStore;
  let table: TableRef;
  /** Raw points of the current table, as InfluxDB holds them. */
  const raw = (select = '*') => influxQuery(`SELECT ${select} FROM "${table.table}"`, db.name);

  beforeAll(() => {
    store = new InfluxTelemetryStore({ url: influxUrl, timeoutMs: 5000 });
  });
  afterAll(async () => {
    await store.close();
  });
  const freshTable = () => {
    table = { database: db.name, table: `t${++tables}` };
    return table;
  };

  it('round-trips hostile strings exactly, and filters by them', async () => {
    freshTable();
    const hostile = HOSTILE;
    const records = hostile.map((h, i) =>
      rec({
        time: T0 + BigInt(i),
        dimensions: [
          { name: `dim ${h}`, value: h },
          { name: 'turbine_id', value: h },
        ].sort((a, b) => (a.name < b.name ? -1 : 1)),
        measureName: `m ${h}`,
        measure: {
          kind: 'multi',
          values: [
            { name: `v ${h}`, type: 'VARCHAR', value: h },
            { name: 'plain', type: 'VARCHAR', value: `${h}\\` },
          ],
        },
      }),
    );

    const result = await store.write(table, records);

    expect(result).toEqual({ stored: records.map((_, i) => i), rejected: [] });
    const read = await store.query(table, all);
    expect(read).toEqual(
      records.map((r) =>
        r.measure.kind === 'multi'
          ? { ...r, measure: { kind: 'multi', values: [...r.measure.values].sort(byName) } }
          : r,
      ),
    );
    for (const [i, h] of hostile.entries()) {
      const byDimension = await store.query(table, { ...all, dimensions: { turbine_id: h } });
      expect(byDimension.map((r) => r.time)).toEqual([T0 + BigInt(i)]);
      const byName = await store.query(table, { ...all, measureNames: [`m ${h}`] });
      expect(byName.map((r) => r.time)).toEqual([T0 + BigInt(i)]);
    }
  });

  it('round-trips a MULTI record with every type, TIMESTAMP and large BIGINTs exactly', async () => {
    freshTable();
    const record = rec({
      time: T0 + 123_456_789n,
      version: 2n ** 62n + 1n,
      measureName: 'reading',
      measure: {
        kind: 'multi',
        values: [
          { name: 'a_double', type: 'DOUBLE', value: '1532.25' },
          { name: 'b_bigint', type: 'BIGINT', value: '9223372036854775807' },
          { name: 'c_negative', type: 'BIGINT', value: '-9007199254740993' },
          { name: 'd_varchar', type: 'VARCHAR', value: 'running, "ok"' },
          { name: 'e_boolean', type: 'BOOLEAN', value: 'false' },
          { name: 'f_timestamp', type: 'TIMESTAMP', value: '1700000000123456789' },
        ],
      },
    });

    expect(await store.write(table, [record])).toEqual({ stored: [0], rejected: [] });

    expect(await store.query(table, all)).toEqual([record]);
    const [fieldKeys] = await influxQuery(`SHOW FIELD KEYS FROM "${table.table}"`, db.name);
    expect(fieldKeys?.values).toEqual(
      expect.arrayContaining([
        ['a_double', 'float'],
        ['b_bigint', 'integer'],
        ['e_boolean', 'boolean'],
        ['f_timestamp', 'integer'],
        ['_timestamp_measures', 'string'],
      ]),
    );
    // And a retry of it is accepted, which needs the exact values read back.
    expect(await store.write(table, [record])).toEqual({ stored: [0], rejected: [] });
  });

  it('reads a DOUBLE written as 1.0 back as a DOUBLE, next to BIGINT 1', async () => {
    freshTable();
    await store.write(table, [
      rec({ time: T0, measureName: 'ratio', measure: single('DOUBLE', '1.0') }),
      rec({ time: T0 + 1n, measureName: 'count', measure: single('BIGINT', '1') }),
      rec({
        time: T0 + 2n,
        measureName: 'multi',
        measure: { kind: 'multi', values: [{ name: 'x', type: 'DOUBLE', value: '2.0' }] },
      }),
    ]);

    const read = await store.query(table, all);

    expect(read.map((r) => r.measure)).toEqual([
      single('DOUBLE', '1'),
      single('BIGINT', '1'),
      { kind: 'multi', values: [{ name: 'x', type: 'DOUBLE', value: '2' }] },
    ]);
  });

  it('accepts an identical re-write without adding points', async () => {
    freshTable();
    const records = [0n, 1n, 2n].map((i) => rec({ time: T0 + i * SEC }));
    await store.write(table, records);

    const again = await store.write(table, records);
    const first = records.slice(0, 1);
    const inOneBatch = await store.write(table, [...first, ...first]);

    expect(again).toEqual({ stored: [0, 1, 2], rejected: [] });
    expect(inOneBatch).toEqual({ stored: [0, 1], rejected: [] });
    const [count] = await raw('count(*)');
    expect(count?.values[0]?.slice(1)).toEqual([3, 3]);
  });

  it('rejects a changed value without a higher version, naming the existing version', async () => {
    freshTable();
    await store.write(table, [rec({ time: T0, version: 3n, measure: single('DOUBLE', '10') })]);

    const result = await store.write(table, [
      rec({ time: T0, version: 3n, measure: single('DOUBLE', '11') }),
      rec({ time: T0, version: 2n, measure: single('DOUBLE', '12') }),
    ]);

    expect(result.stored).toEqual([]);
    expect(result.rejected).toEqual([
      expect.objectContaining({ index: 0, code: 'VersionConflict', existingVersion: 3n }),
      expect.objectContaining({ index: 1, code: 'VersionConflict', existingVersion: 3n }),
    ]);
    expect(result.rejected[0]?.reason).toMatch(/version 3 is lower than the existing version 3/);
    const [points] = await raw('"measure_value::double", "_version"');
    expect(points?.values.map((v) => v.slice(1))).toEqual([[10, 3]]);
  });

  it('replaces value and version when the version is higher, leaving no stale fields', async () => {
    freshTable();
    await store.write(table, [
      rec({ time: T0, measure: single('DOUBLE', '10') }),
      rec({ time: T0 + 1n, measure: single('DOUBLE', '10') }),
    ]);

    const result = await store.write(table, [
      rec({ time: T0, version: 2n, measure: single('DOUBLE', '12') }),
      rec({
        time: T0 + 1n,
        version: 2n,
        measure: { kind: 'multi', values: [{ name: 'n', type: 'BIGINT', value: '7' }] },
      }),
    ]);

    expect(result).toEqual({ stored: [0, 1], rejected: [] });
    expect((await store.query(table, all)).map((r) => [r.version, r.measure])).toEqual([
      [2n, single('DOUBLE', '12')],
      [2n, { kind: 'multi', values: [{ name: 'n', type: 'BIGINT', value: '7' }] }],
    ]);
    // InfluxDB merges a re-written point field by field: the old single value must be gone.
    const [points] = await raw();
    const column = (name: string) => {
      const i = points?.columns.indexOf(name) ?? -1;
      return points?.values.map((v) => v[i]);
    };
    expect(column('measure_value::double')).toEqual([12, null]);
    expect(column('n')).toEqual([null, 7]);
  });

  it('lets only one of several concurrent conflicting writes in', async () => {
    freshTable();
    // Slow writes widen the window between check and write, as a loaded InfluxDB would.
    const url = new URL(influxUrl);
    const client = new InfluxDB({ host: url.hostname, port: Number(url.port) });
    const writePoints = client.writePoints.bind(client);
    client.writePoints = async (...args) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return writePoints(...args);
    };
    const slow = new InfluxTelemetryStore({ client });
    const values = ['1', '2', '3', '4', '5', '6', '7', '8'];

    const results = await Promise.all(
      values.map((v) => slow.write(table, [rec({ time: T0, measure: single('DOUBLE', v) })])),
    );

    expect(results.filter((r) => r.stored.length === 1)).toHaveLength(1);
    const rejected = results.flatMap((r) => r.rejected.map((x) => x.code));
    expect(rejected).toEqual(values.slice(1).map(() => 'VersionConflict'));
    expect(await store.query(table, all)).toHaveLength(1);
  });

  /** A store on its own client (so its own process-wide state), counting collision reads. */
  const countingStore = () => {
    const url = new URL(influxUrl);
    const client = new InfluxDB({ host: url.hostname, port: Number(url.port) });
    const statements: string[] = [];
    const queryRaw = client.queryRaw.bind(client);
    client.queryRaw = async (query, options) => {
      statements.push(...[query].flat());
      return queryRaw(query, options);
    };
    const reads = () => statements.filter((q) => q.startsWith('SELECT *')).length;
    return { store: new InfluxTelemetryStore({ client }), reads };
  };

  it('reads nothing before writing records later than all their series holds, and checks the rest', async () => {
    freshTable();
    const { store: counted, reads } = countingStore();
    await counted.write(table, [rec({ time: T0 + SEC })]);
    await counted.write(table, [rec({ time: T0 + 2n * SEC }), rec({ time: T0 + 3n * SEC })]);
    expect(reads()).toBe(0);

    const earlier = await counted.write(table, [
      rec({ time: T0 + SEC, measure: single('DOUBLE', '9') }),
    ]);
    expect(reads()).toBe(1);
    expect(earlier.rejected).toEqual([expect.objectContaining({ code: 'VersionConflict' })]);
    expect(await store.query(table, all)).toHaveLength(3);
  });

  it('learns what an earlier process stored before taking a record as new', async () => {
    freshTable();
    await store.write(table, [rec({ time: T0 + 5n * SEC })]);
    const { store: later, reads } = countingStore();

    const conflict = await later.write(table, [
      rec({ time: T0 + 5n * SEC, measure: single('DOUBLE', '7') }),
    ]);
    expect(conflict.rejected).toEqual([expect.objectContaining({ code: 'VersionConflict' })]);
    expect(reads()).toBe(1);
    expect(await later.write(table, [rec({ time: T0 + 6n * SEC })])).toEqual({
      stored: [0],
      rejected: [],
    });
    expect(reads()).toBe(1);
  });

  it('rejects a measure of another type than the stored one as TypeConflict', async () => {
    freshTable();
    const multi = (time: bigint, type: 'DOUBLE' | 'BIGINT', turbine: string) =>
      rec({
        time,
        dimensions: [{ name: 'turbine_id', value: turbine }],
        measure: { kind: 'multi', values: [{ name: 'rpm', type, value: '14' }] },
      });
    await store.write(table, [multi(T0, 'DOUBLE', 'A')]);

    const result = await store.write(table, [
      multi(T0 + 1n, 'BIGINT', 'B'),
      multi(T0 + 2n, 'DOUBLE', 'B'),
    ]);

    expect(result.stored).toEqual([1]);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 0, code: 'TypeConflict' })]);
  });

  it('maps InfluxDB own field type conflict to TypeConflict for just the refused records', async () => {
    freshTable();
    await store.write(table, [rec({ time: T0 })]); // the store now has this table's schema cached
    // Another writer creates field "late" as a string, unknown to the cached schema, in the same
    // shard (InfluxDB checks field types per shard, and shards cover a week by default).
    const line = `${table.table},measure_name=other late="text",_version=1i ${T0 + 100n}`;
    await writeLineProtocol(db.name, line);
    const late = (time: bigint) =>
      rec({
        time,
        measure: { kind: 'multi', values: [{ name: 'late', type: 'DOUBLE', value: '1' }] },
      });

    const result = await store.write(table, [
      rec({ time: T0 + 1n }),
      late(T0 + 2n),
      rec({ time: T0 + 3n }),
      late(T0 + 4n),
    ]);

    expect(result.stored).toEqual([0, 2]);
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'TypeConflict'],
      [3, 'TypeConflict'],
    ]);
    expect(result.rejected[0]?.reason).toMatch(/field type conflict/);
  });

  it('orders by time, then series, also where a limit cuts through equal times', async () => {
    freshTable();
    // InfluxDB returns points of equal time in an order of its own (not by series key), so a
    // LIMIT can cut a different set than the port's order would.
    const turbines = Array.from({ length: 20 }, (_, i) => `T${(i * 7) % 20}`.padEnd(4, 'x'));
    const atT0 = turbines.map((t) =>
      rec({ time: T0, dimensions: [{ name: 'turbine_id', value: t }] }),
    );
    const earlier = rec({ time: T0 - 1n, dimensions: [{ name: 'turbine_id', value: 'zz' }] });
    await store.write(table, [...atT0, earlier]);
    const byTurbine = (a: TelemetryRecord, b: TelemetryRecord) =>
      (a.dimensions[0]?.value ?? '') < (b.dimensions[0]?.value ?? '') ? -1 : 1;
    const expected = [earlier, ...[...atT0].sort(byTurbine)];

    const everything = await store.query(table, all);
    const limited = await store.query(table, { ...all, limit: 8 });

    expect(everything).toEqual(expected);
    expect(limited).toEqual(expected.slice(0, 8));
  });

  it('reads an unknown database, table or dimension as empty', async () => {
    freshTable();
    await store.write(table, [rec({ time: T0 })]);
    const missingDb = { database: uniqueDatabaseName('never'), table: 't' };

    expect(await store.query(missingDb, all)).toEqual([]);
    expect(await store.query({ ...table, table: 'never_written' }, all)).toEqual([]);
    expect(await store.query(table, { ...all, dimensions: { no_such: 'x' } })).toEqual([]);
    expect(await store.query(table, { ...all, dimensions: { _version: '1' } })).toEqual([]);
  });

  it('works with a ready node-influx client', async () => {
    freshTable();
    const url = new URL(influxUrl);
    const client = new InfluxDB({ host: url.hostname, port: Number(url.port) });
    const withClient = new InfluxTelemetryStore({ client });

    await withClient.ping();
    expect(await withClient.write(table, [rec({ time: T0 })])).toEqual({
      stored: [0],
      rejected: [],
    });
    expect(await withClient.query(table, all)).toHaveLength(1);
  });
});

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);

async function writeLineProtocol(database: string, lines: string): Promise<void> {
  const response = await fetch(
    `${influxUrl}/write?db=${encodeURIComponent(database)}&precision=n`,
    {
      method: 'POST',
      body: lines,
    },
  );
  if (response.status !== 204) throw new Error(`write failed: ${await response.text()}`);
}

// A private influxd, so pausing and killing it does not disturb the shared one.
describe.skipIf(!influxUrl || !findInfluxd())('InfluxTelemetryStore when influxd fails', () => {
  const TIMEOUT_MS = 1000;
  let influxd: InfluxdProcess;
  let store: InfluxTelemetryStore;
  const table = { database: 'outage', table: 'telemetry' };
  const write = (seconds: bigint) => store.write(table, [rec({ time: T0 + seconds * SEC })]);

  beforeAll(async () => {
    influxd = await startInfluxd();
    store = new InfluxTelemetryStore({ url: influxd.url, timeoutMs: TIMEOUT_MS });
    await write(0n);
  });
  afterAll(async () => {
    await store?.close();
    await influxd?.stop();
  });

  it('answers StoreUnavailableError within the timeout while influxd hangs', async () => {
    influxd.pause();
    try {
      // node-influx's own request timeout is 30 s by default: the store's deadline must win.
      const url = new URL(influxd.url);
      const client = new InfluxDB({ host: url.hostname, port: Number(url.port) });
      const injected = new InfluxTelemetryStore({ client, timeoutMs: TIMEOUT_MS });
      const calls = [
        () => write(1n),
        () => store.query(table, all),
        () => store.ping(),
        () => injected.query(table, all),
      ];
      for (const call of calls) {
        const started = Date.now();
        await expect(call()).rejects.toBeInstanceOf(StoreUnavailableError);
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
      }
    } finally {
      influxd.resume();
    }
    expect(await write(2n)).toEqual({ stored: [0], rejected: [] });
  });

  it('answers StoreUnavailableError while influxd is down, and writes again after a restart', async () => {
    await influxd.kill();

    const error = await write(3n).catch((e: unknown) => e);
    await expect(store.query(table, all)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).retryAfterSeconds).toBeGreaterThan(0);

    await influxd.restart();
    await store.ping();
    expect(await write(3n)).toEqual({ stored: [0], rejected: [] });
    // The write of second 1 timed out while influxd hung, but its request was already in
    // influxd's socket, so influxd may have applied it on resuming. Either outcome is right: the
    // caller was told to retry, and a retry of the same record adds no duplicate.
    const times = (await store.query(table, all)).map((r) => r.time);
    expect(times.filter((t) => t !== T0 + SEC)).toEqual([0n, 2n, 3n].map((s) => T0 + s * SEC));
  });
});

/**
 * The stores of one process on one InfluxDB share what they learn before a first write (writerState.ts):
 * an emulated Lambda environment that starts cold must not cost InfluxDB more requests. Counted by
 * a proxy in front of influxd that logs every request.
 */
describeWithInflux('InfluxTelemetryStore: stores of one process share their set-up', () => {
  const db = useTestDatabase('influx_shared');
  const requests: string[] = [];
  let proxy: Server;
  let proxyUrl: string;

  beforeAll(async () => {
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = new URL(req.url ?? '/', influxUrl);
        const body = Buffer.concat(chunks);
        const q = target.searchParams.get('q') ?? new URLSearchParams(body.toString()).get('q');
        requests.push(`${target.pathname} ${q ?? ''}`);
        void fetch(target, {
          method: req.method ?? 'GET',
          headers: { 'content-type': req.headers['content-type'] ?? 'text/plain' },
          ...(req.method === 'GET' ? {} : { body }),
        }).then(async (answer) => {
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? '',
          });
          res.end(Buffer.from(await answer.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => proxy.close(resolve)));

  it('creates the database and reads the schema once for many new stores, and not again for a later one', async () => {
    const table = { database: db.name, table: 'shared' };
    const stores = Array.from({ length: 5 }, () => new InfluxTelemetryStore({ url: proxyUrl }));
    const results = await Promise.all(
      stores.map((s, i) => s.write(table, [rec({ time: T0 + BigInt(i) * SEC })])),
    );
    expect(results).toEqual(stores.map(() => ({ stored: [0], rejected: [] })));
    const count = (prefix: string) => requests.filter((r) => r.startsWith(prefix)).length;
    expect(count('/query CREATE DATABASE')).toBe(1);
    expect(count('/query SHOW FIELD KEYS')).toBe(1);

    requests.length = 0;
    const late = new InfluxTelemetryStore({ url: proxyUrl });
    expect(await late.write(table, [rec({ time: T0 + 9n * SEC })])).toEqual({
      stored: [0],
      rejected: [],
    });
    expect(requests.filter((r) => r.startsWith('/query'))).toEqual([]);
    expect(count('/write')).toBe(1);
    const stored = await late.query(table, all);
    expect(stored.map((r) => r.time)).toEqual([0n, 1n, 2n, 3n, 4n, 9n].map((s) => T0 + s * SEC));
    await Promise.all([...stores, late].map((s) => s.close()));
  });
});
