import { describe, expect, it } from 'vitest';
import { bothWays, contextOf, HOUR_MS, multi, record, RecordingStore, sql } from '../testing.js';

const NOW = Date.UTC(2024, 0, 2);
const MIN = 60_000;

/** Four turbines in two projects, a reading a minute for two hours, one without a project. */
async function setup() {
  const store = new RecordingStore();
  const records = [];
  for (let m = 1; m <= 120; m++) {
    for (const [turbine, project] of [
      ['T1', 'P1'],
      ['T2', 'P1'],
      ['T3', 'P2'],
      ['T4', undefined],
    ] as const) {
      const power = (m % 7) * 0.25 + Number(turbine.slice(1)) * 100;
      records.push(
        record({
          dims: { turbine_id: turbine, ...(project ? { project } : {}) },
          name: 'reading',
          timeMs: NOW - m * MIN,
          measure: multi({
            power_kw: ['DOUBLE', String(power)],
            wind: ['DOUBLE', String(m % 11)],
            blades: ['BIGINT', '3'],
          }),
        }),
      );
    }
    records.push(record({ dims: { turbine_id: 'T1' }, timeMs: NOW - m * MIN, value: m * 0.5 }));
  }
  await store.write({ database: 'db', table: 't' }, records);
  const ctx = contextOf(
    store,
    [{ databaseName: 'db', tableName: 't', retentionMs: 24 * HOUR_MS }],
    NOW,
  );
  return { store, ctx };
}

const PUSHED = [
  `SELECT bin(time, 10m) AS t, sum(power_kw) * count(DISTINCT turbine_id) / count(*) AS fleet_kw,
     count(*) AS readings FROM db.t WHERE time > ago(24h) AND measure_name = 'reading'
     GROUP BY bin(time, 10m) ORDER BY t`,
  `SELECT project, bin(time, 15m), avg(power_kw), min(wind), max(wind), count(power_kw)
     FROM db.t WHERE measure_name = 'reading' GROUP BY 1, 2 ORDER BY 1, 2`,
  `SELECT turbine_id, sum(measure_value::double), count(measure_value::double) FROM db.t
     WHERE measure_name = 'power' GROUP BY turbine_id ORDER BY turbine_id`,
  `SELECT count(*), sum(power_kw), count(DISTINCT project) FROM db.t WHERE turbine_id = 'T3'`,
  `SELECT count(*), avg(power_kw) FROM db.t WHERE turbine_id = 'nobody'`,
  `SELECT project, count(*) AS n FROM db.t GROUP BY project HAVING count(*) > 150 ORDER BY n DESC, project LIMIT 2`,
];

const NOT_PUSHED = [
  // A filter the store cannot do, an aggregate of a BIGINT, a key that is not bin() or a
  // dimension, min of a dimension, and IN over dimensions (several store calls).
  `SELECT count(*) FROM db.t WHERE power_kw > 200`,
  `SELECT sum(blades) FROM db.t`,
  `SELECT measure_name, count(*) FROM db.t GROUP BY measure_name`,
  `SELECT min(turbine_id) FROM db.t`,
  `SELECT count(*) FROM db.t WHERE turbine_id IN ('T1', 'T2')`,
];

describe('aggregates computed by the store', () => {
  it.each(PUSHED)('answers as the record path does, without reading records: %s', async (query) => {
    const { viaStore, viaRecords, pushed } = await bothWays(setup, query, 'refuseAggregates');
    expect(pushed.aggregates).toHaveLength(1);
    expect(viaStore).toEqual(viaRecords);
    expect(viaStore.rows.length).toBeGreaterThan(0);
  });

  it.each(NOT_PUSHED)('leaves other shapes to the record path: %s', async (query) => {
    const { store, ctx } = await setup();
    await sql(ctx, query);
    expect(store.aggregates).toEqual([]);
  });

  it('asks the store for what the query needs, once the columns are known', async () => {
    const { store, ctx } = await setup();
    await sql(ctx, PUSHED[0] as string);
    store.calls = [];
    store.aggregates = [];
    await sql(ctx, PUSHED[0] as string);
    expect(store.calls).toEqual([]);
    expect(store.aggregates).toEqual([
      {
        from: BigInt(NOW - 24 * HOUR_MS) * 1_000_000n + 1n,
        to: 2n ** 63n,
        measureNames: ['reading'],
        bin: 600_000_000_000n,
        groupBy: [],
        measures: ['power_kw'],
        stats: ['sum'],
        distinct: ['turbine_id'],
      },
    ]);
  });

  it('gives the fleet total per bin that the readings add up to', async () => {
    const { ctx } = await setup();
    const result = await sql(ctx, PUSHED[0] as string);
    // Bin of 10:00 on the day before NOW: every turbine read ten times.
    const full = result.rows.find((r) => r[2] === '40');
    expect(full).toBeDefined();
    const start = Date.parse(`${full?.[0]?.replace(' ', 'T').slice(0, 23)}Z`);
    let total = 0;
    for (let m = 1; m <= 120; m++) {
      const t = NOW - m * MIN;
      if (t < start || t >= start + 10 * MIN) continue;
      for (const n of [1, 2, 3, 4]) total += (m % 7) * 0.25 + n * 100;
    }
    expect(Number(full?.[1])).toBeCloseTo(total / 10, 9);
  });
});
