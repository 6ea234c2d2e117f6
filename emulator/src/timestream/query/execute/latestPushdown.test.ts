import { describe, expect, it } from 'vitest';
import type { LatestQuery } from '../../../../../app/src/storage/TelemetryStore.js';
import { buildLatest } from '../../../../../app/src/storage/timestream/latestSql.js';
import {
  bothWays,
  contextOf,
  HOUR_MS,
  multi,
  record,
  RecordingStore,
  sql,
  type Table,
} from '../testing.js';

const NOW = Date.UTC(2024, 0, 2);
const MIN = 60_000;
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

/** A dimension and a measure named with every character SQL quoting has to get right. */
const SITE = `site "north", it's`;
const KW = `kW "now",\nit's\\ 50%`;
const HOSTILE = [
  'comma,separated',
  'double"quote',
  "single'quote",
  'back\\slash',
  'new\nline',
  '🌬️ wind 風力',
  "x' OR '1'='1",
  ' leading and trailing ',
];

/**
 * Four turbines in two projects (T4 in none), a reading a minute for two hours, no two records
 * of a turbine or project at the same time (the port leaves open which of those a row shows).
 * T2's newest reading lacks power_kw; T1 also writes single-measure `power` (DOUBLE) and, newest
 * of all, `count` (BIGINT); one reading has no turbine_id; a few records have hostile names.
 */
async function setup() {
  const store = new RecordingStore();
  const records = [];
  for (let m = 1; m <= 120; m++) {
    for (const [n, project] of [[1, 'P1'], [2, 'P1'], [3, 'P2'], [4]] as const) {
      const power = (m % 7) * 0.25 + n * 100;
      records.push(
        record({
          dims: { turbine_id: `T${n}`, ...(project ? { project } : {}) },
          name: 'reading',
          timeMs: NOW - m * MIN - n * 1000,
          measure: multi({
            ...(n === 2 && m === 1 ? {} : { power_kw: ['DOUBLE', String(power)] }),
            wind: ['DOUBLE', String((m % 11) + n / 8)],
            blades: ['BIGINT', '3'],
            status: ['VARCHAR', m % 2 ? 'ok' : 'derated'],
          }),
        }),
      );
    }
    records.push(record({ dims: { turbine_id: 'T1' }, timeMs: NOW - m * MIN - 30_000, value: m }));
  }
  records.push(
    record({
      dims: { turbine_id: 'T1' },
      name: 'count',
      timeMs: NOW - 10_000,
      measure: { kind: 'single', type: 'BIGINT', value: '7' },
    }),
    record({
      dims: { project: 'P2' },
      name: 'reading',
      timeMs: NOW - 90_000 - 500,
      measure: multi({ power_kw: ['DOUBLE', '1.5'] }),
    }),
    ...HOSTILE.map((h, i) =>
      record({
        dims: { [SITE]: h, turbine_id: `H${i}` },
        name: 'hostile',
        timeMs: NOW - (150 + i) * MIN,
        measure: multi({ [KW]: ['DOUBLE', String(i * 0.25)] }),
      }),
    ),
  );
  const written = await store.write({ database: 'db', table: 't' }, records);
  expect(written.rejected).toEqual([]);
  const ctx = contextOf(
    store,
    [{ databaseName: 'db', tableName: 't', retentionMs: 24 * HOUR_MS }],
    NOW,
  );
  return { store, ctx };
}

/** The SQL the app's Timestream adapter sends for this `latest` call, over the last 3 hours. */
function fromAdapter(query: Omit<LatestQuery, 'from' | 'to'>): string {
  const columns = { groupBy: query.groupBy, measures: query.measures };
  const range = { from: ns(NOW - 3 * HOUR_MS), to: ns(NOW) };
  return buildLatest({ database: 'db', table: 't' }, { ...range, ...query }, columns);
}

const PUSHED = [
  fromAdapter({
    groupBy: ['turbine_id'],
    measures: ['power_kw', 'wind'],
    measureNames: ['reading'],
  }),
  fromAdapter({
    groupBy: ['project', 'turbine_id'],
    measures: ['power_kw', 'measure_value::double'],
  }),
  fromAdapter({ groupBy: ['turbine_id'], measures: ['measure_value::double'] }),
  fromAdapter({
    groupBy: ['turbine_id'],
    measures: ['measure_value::double'],
    measureNames: ['power', 'count'],
  }),
  fromAdapter({ groupBy: ['turbine_id'], measures: ['power_kw'], dimensions: { project: 'P1' } }),
  fromAdapter({ groupBy: [SITE, 'turbine_id'], measures: [KW, 'power_kw'] }),
  fromAdapter({ groupBy: [SITE], measures: [KW], dimensions: { [SITE]: "x' OR '1'='1" } }),
  `SELECT turbine_id AS id, project, max(time) AS newest, max_by(power_kw, time) AS kw,
     max_by(wind, time) FROM db.t WHERE time > ago(24h) AND measure_name = 'reading'
     GROUP BY turbine_id, project ORDER BY newest DESC, id LIMIT 3`,
  `SELECT r.project, max_by(r.power_kw, r.time) kw FROM db.t r GROUP BY 1 ORDER BY 1 NULLS FIRST`,
  `SELECT DISTINCT project, max(time) FROM "db"."t" WHERE measure_name = 'reading'
     GROUP BY project, turbine_id ORDER BY 2`,
  `SELECT max_by(wind, time), max_by(wind, time) AS again, turbine_id FROM db.t
     WHERE turbine_id = 'T3' GROUP BY turbine_id`,
];

const NOT_PUSHED = [
  // max_by of a BIGINT, of a VARCHAR, by another column than time; min(time), min_by, max of a
  // measure, count(*); a bin() key, a key that is not a dimension, no key; HAVING; a filter the
  // store cannot do; IN over a dimension (two store calls); an expression over the aggregate.
  'SELECT turbine_id, max_by(blades, time) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, max_by(status, time) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, max_by(power_kw, wind) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, min(time), max_by(power_kw, time) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, min_by(power_kw, time) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, max(power_kw), max_by(power_kw, time) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, max(time), count(*) FROM db.t GROUP BY turbine_id',
  'SELECT turbine_id, max(time) FROM db.t GROUP BY turbine_id ORDER BY count(*)',
  'SELECT bin(time, 10m), max(time), max_by(power_kw, time) FROM db.t GROUP BY 1',
  'SELECT measure_name, max(time), max_by(power_kw, time) FROM db.t GROUP BY measure_name',
  'SELECT max(time), max_by(power_kw, time) FROM db.t',
  'SELECT turbine_id, max(time) FROM db.t GROUP BY turbine_id HAVING max(time) > ago(1h)',
  'SELECT turbine_id, max_by(power_kw, time) FROM db.t WHERE wind > 3 GROUP BY turbine_id',
  `SELECT turbine_id, max(time) FROM db.t WHERE project IN ('P1', 'P2') GROUP BY turbine_id`,
  'SELECT turbine_id, max_by(power_kw, time) * 1000 AS w FROM db.t GROUP BY turbine_id',
];

/** Rows in a fixed order, for queries that leave the order open (no ORDER BY). */
function sorted(table: Table): Table {
  const key = (row: (string | null)[]) => JSON.stringify(row);
  return { ...table, rows: [...table.rows].sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}

describe('newest records found by the store', () => {
  it.each(PUSHED)('answers as the record path does, without reading records: %s', async (query) => {
    const { viaStore, viaRecords, pushed } = await bothWays(setup, query, 'refuseLatest');
    expect(pushed.latests).toHaveLength(1);
    expect(pushed.aggregates).toEqual([]);
    const ordered = /ORDER BY/.test(query);
    expect(ordered ? viaStore : sorted(viaStore)).toEqual(
      ordered ? viaRecords : sorted(viaRecords),
    );
    expect(viaStore.rows.length).toBeGreaterThan(0);
  });

  it.each(NOT_PUSHED)('leaves other shapes to the record path: %s', async (query) => {
    const { store, ctx } = await setup();
    await sql(ctx, query);
    expect(store.latests).toEqual([]);
  });

  it('gives the newest reading, null where it lacks the measure, groups without a dimension', async () => {
    const { ctx } = await setup();
    const result = await sql(ctx, PUSHED[1] as string);
    expect(result.columns).toEqual([
      { name: 'project', type: 'VARCHAR' },
      { name: 'turbine_id', type: 'VARCHAR' },
      { name: '_col2', type: 'TIMESTAMP' },
      { name: '_col3', type: 'DOUBLE' },
      { name: '_col4', type: 'DOUBLE' },
    ]);
    expect(result.rows).toEqual([
      [null, 'H0', '2024-01-01 21:30:00.000000000', null, null],
      [null, 'H1', '2024-01-01 21:29:00.000000000', null, null],
      [null, 'H2', '2024-01-01 21:28:00.000000000', null, null],
      [null, 'H3', '2024-01-01 21:27:00.000000000', null, null],
      [null, 'H4', '2024-01-01 21:26:00.000000000', null, null],
      [null, 'H5', '2024-01-01 21:25:00.000000000', null, null],
      [null, 'H6', '2024-01-01 21:24:00.000000000', null, null],
      [null, 'H7', '2024-01-01 21:23:00.000000000', null, null],
      [null, 'T1', '2024-01-01 23:59:50.000000000', null, null],
      [null, 'T4', '2024-01-01 23:58:56.000000000', '400.25', null],
      ['P1', 'T1', '2024-01-01 23:58:59.000000000', '100.25', null],
      ['P1', 'T2', '2024-01-01 23:58:58.000000000', null, null],
      ['P2', null, '2024-01-01 23:58:29.500000000', '1.5', null],
      ['P2', 'T3', '2024-01-01 23:58:57.000000000', '300.25', null],
    ]);
  });

  it('answers no rows, with the same columns, when nothing matches', async () => {
    const query = fromAdapter({
      groupBy: ['turbine_id'],
      measures: ['power_kw'],
      dimensions: { project: 'P9' },
    });
    const pushed = await setup();
    const reference = await setup();
    reference.store.refuseLatest = true;
    const viaStore = await sql(pushed.ctx, query);
    expect(pushed.store.latests).toHaveLength(1);
    expect(viaStore).toEqual(await sql(reference.ctx, query));
    expect(viaStore.rows).toEqual([]);
  });

  it('asks the store for what the query needs, once the columns are known', async () => {
    const { store, ctx } = await setup();
    const query = PUSHED[4] as string;
    await sql(ctx, query);
    store.calls = [];
    store.latests = [];
    await sql(ctx, query);
    expect(store.calls).toEqual([]);
    expect(store.latests).toEqual([
      {
        from: ns(NOW - 3 * HOUR_MS),
        to: ns(NOW),
        dimensions: { project: 'P1' },
        groupBy: ['turbine_id'],
        measures: ['power_kw'],
      },
    ]);
  });
});
