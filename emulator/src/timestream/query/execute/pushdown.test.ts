import { describe, expect, it } from 'vitest';
import { TableSchema } from '../analyse/schema.js';
import { parse } from '../sql/parser.js';
import type { SelectStatement } from '../sql/ast.js';
import { contextOf, DAY_MS, HOUR_MS, multi, record, RecordingStore, sql } from '../testing.js';
import { planPushdown } from './pushdown.js';

const NOW = Date.UTC(2024, 0, 2);
const ns = (ms: number) => BigInt(ms) * 1_000_000n;
const END = 2n ** 63n;
const MAX = 5_000_001; // limit of every call: the record cap + 1

async function setup(retentionMs = 7 * DAY_MS) {
  const store = new RecordingStore();
  await store.write({ database: 'db', table: 't' }, [
    record({ dims: { turbine_id: 'A' }, timeMs: NOW - HOUR_MS, value: 1 }),
    record({ dims: { turbine_id: 'B' }, timeMs: NOW - HOUR_MS, value: 2 }),
    record({ dims: { turbine_id: 'A' }, timeMs: NOW - 3 * DAY_MS, value: 3 }),
    record({
      dims: { turbine_id: 'C' },
      name: 'reading',
      timeMs: NOW - 2 * HOUR_MS,
      measure: multi({ power_kw: ['DOUBLE', '5'], status: ['VARCHAR', 'ok'] }),
    }),
  ]);
  const ctx = contextOf(store, [{ databaseName: 'db', tableName: 't', retentionMs }], NOW);
  return { store, ctx };
}

describe('pushdown: the store calls a query makes', () => {
  it('pushes the time range of `time > ago(24h)` and reads nothing older', async () => {
    const { store, ctx } = await setup();
    const result = await sql(ctx, 'SELECT turbine_id FROM db.t WHERE time > ago(24h)');
    expect(store.calls).toEqual([{ from: ns(NOW - DAY_MS) + 1n, to: END, limit: MAX }]);
    expect(result.rows).toEqual([['C'], ['A'], ['B']]);
  });

  it('applies the retention: records older than now - retention are never read', async () => {
    const { store, ctx } = await setup(90 * 60_000);
    const result = await sql(ctx, 'SELECT turbine_id FROM db.t WHERE time > ago(7d)');
    expect(store.calls).toEqual([{ from: ns(NOW - 90 * 60_000), to: END, limit: MAX }]);
    expect(result.rows).toEqual([['A'], ['B']]);
  });

  it("pushes BETWEEN, an upper bound and TIMESTAMP literals (the SDK adapter's form)", async () => {
    const { store, ctx } = await setup();
    await sql(
      ctx,
      "SELECT time FROM db.t WHERE time >= TIMESTAMP '2024-01-01 20:00:00' AND time < TIMESTAMP '2024-01-01 23:30:00'",
    );
    await sql(ctx, 'SELECT time FROM db.t WHERE time BETWEEN ago(2h) AND now()');
    expect(store.calls).toEqual([
      { from: ns(NOW - 4 * HOUR_MS), to: ns(NOW - HOUR_MS / 2), limit: MAX },
      { from: ns(NOW - 2 * HOUR_MS), to: ns(NOW) + 1n, limit: MAX },
    ]);
  });

  it('pushes dimension equality and measure_name IN, then needs no more calls', async () => {
    const { store, ctx } = await setup();
    const result = await sql(
      ctx,
      "SELECT time FROM db.t WHERE turbine_id = 'A' AND measure_name IN ('power', 'x') AND time > ago(1d)",
    );
    expect(store.calls).toEqual([
      {
        from: ns(NOW - DAY_MS) + 1n,
        to: END,
        dimensions: { turbine_id: 'A' },
        measureNames: ['power', 'x'],
        limit: MAX,
      },
    ]);
    expect(result.rows).toEqual([['2024-01-01 23:00:00.000000000']]);
  });

  it('makes one call per value of a dimension IN list', async () => {
    const { store, ctx } = await setup();
    const result = await sql(
      ctx,
      "SELECT turbine_id FROM db.t WHERE turbine_id IN ('A', 'B') AND time > ago(1d)",
    );
    expect(store.calls.map((c) => c.dimensions)).toEqual([
      { turbine_id: 'A' },
      { turbine_id: 'B' },
    ]);
    expect(result.rows).toEqual([['A'], ['B']]);
  });

  it('learns the columns once when a filtered name matches nothing, and keeps the empty answer', async () => {
    const { store, ctx } = await setup();
    const result = await sql(ctx, "SELECT time FROM db.t WHERE turbine_id = 'Z'");
    expect(store.calls).toEqual([
      { from: ns(NOW - 7 * DAY_MS), to: END, dimensions: { turbine_id: 'Z' }, limit: MAX },
      { from: ns(NOW - 7 * DAY_MS), to: END, limit: MAX }, // the scan: turbine_id is a dimension
    ]);
    expect(result.rows).toEqual([]);
    store.calls = [];
    await sql(ctx, "SELECT time FROM db.t WHERE turbine_id = 'Z'");
    expect(store.calls).toHaveLength(1); // now known: no scan
  });

  it('filters a VARCHAR measure here, not as a dimension in the store', async () => {
    const { store, ctx } = await setup();
    const result = await sql(ctx, "SELECT turbine_id FROM db.t WHERE status = 'ok'");
    expect(store.calls.map((c) => c.dimensions)).toEqual([{ status: 'ok' }, undefined, undefined]);
    expect(result.rows).toEqual([['C']]);
    store.calls = [];
    await sql(ctx, "SELECT turbine_id FROM db.t WHERE status = 'ok'");
    expect(store.calls).toEqual([{ from: ns(NOW - 7 * DAY_MS), to: END, limit: MAX }]);
  });

  it('leaves OR to the filter here', async () => {
    const { store, ctx } = await setup();
    const result = await sql(
      ctx,
      "SELECT turbine_id FROM db.t WHERE turbine_id = 'A' OR turbine_id = 'C'",
    );
    expect(store.calls).toEqual([{ from: ns(NOW - 7 * DAY_MS), to: END, limit: MAX }]);
    expect(result.rows).toEqual([['A'], ['C'], ['A']]);
  });

  it('calls nothing when the conditions contradict each other', async () => {
    const { store, ctx } = await setup();
    const result = await sql(
      ctx,
      'SELECT count(*) FROM db.t WHERE time > now() AND time < ago(1h)',
    );
    expect(store.calls).toEqual([]);
    expect(result.rows).toEqual([['0']]);
  });

  it('pushes LIMIT when nothing is left to filter, group or order', async () => {
    const { store, ctx } = await setup();
    const result = await sql(ctx, 'SELECT time FROM db.t WHERE time > ago(1d) LIMIT 1');
    expect(store.calls).toEqual([{ from: ns(NOW - DAY_MS) + 1n, to: END, limit: 1 }]);
    expect(result.rows).toHaveLength(1);
  });

  it('refuses a query that would read more records than the cap', async () => {
    const { ctx } = await setup();
    await expect(
      sql({ ...ctx, limits: { maxRecords: 2 } }, 'SELECT time FROM db.t'),
    ).rejects.toThrow(/Query aborted: it would read more than 2 records/);
  });
});

describe('planPushdown', () => {
  const schema = new TableSchema().learn([record({ dims: { d: 'x' }, timeMs: 0 })]);
  const plan = (where: string) =>
    planPushdown(
      (parse(`SELECT 1 FROM db.t WHERE ${where}`) as SelectStatement).where,
      schema,
      { from: 0n, to: END },
      ns(NOW),
      false,
      't',
    );

  it('reads bounds written either way round', () => {
    expect(plan('ago(1h) <= time AND now() > time')).toMatchObject({
      from: ns(NOW - HOUR_MS),
      to: ns(NOW),
      empty: false,
    });
    expect(plan("time = TIMESTAMP '2024-01-01 00:00:00'")).toMatchObject({
      from: ns(NOW - DAY_MS),
      to: ns(NOW - DAY_MS) + 1n,
    });
  });

  it('keeps what it cannot push, and intersects what it can', () => {
    const p = plan("d IN ('x', 'y') AND d = 'y' AND measure_value::double > 1 AND time <> now()");
    expect(p.dimensionSets).toEqual([{ d: 'y' }]);
    expect(p.residual).toBeDefined();
    expect(plan("d = 'x' AND d = 'y'").empty).toBe(true);
    expect(plan('measure_name = NULL').empty).toBe(true);
  });

  it('leaves a column with another qualifier to the analysis, which refuses it', () => {
    expect(plan("t.d = 'x'").dimensionSets).toEqual([{ d: 'x' }]);
    expect(plan("u.d = 'x'")).toMatchObject({ dimensionSets: [{}], residual: { kind: 'binary' } });
  });
});
