import { beforeAll, describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../../../../../app/src/storage/memory/index.js';
import type { QueryContext } from '../context.js';
import { contextOf, DAY_MS, multi, record, sql } from '../testing.js';

const NOW = Date.UTC(2024, 0, 2);
const MIN = 60_000;
let ctx: QueryContext;

/**
 * Four readings of turbines A and B, and a reading of C with no power: enough for NULLs in
 * every aggregate, bins, and three-valued logic.
 */
beforeAll(async () => {
  const store = new InMemoryTelemetryStore();
  const at = (minutesAgo: number) => NOW - minutesAgo * MIN;
  await store.write({ database: 'db', table: 't' }, [
    record({
      dims: { turbine: 'A' },
      name: 'r',
      timeMs: at(25),
      measure: multi({ kw: ['DOUBLE', '10'], n: ['BIGINT', '1'] }),
    }),
    record({
      dims: { turbine: 'A' },
      name: 'r',
      timeMs: at(15),
      measure: multi({ kw: ['DOUBLE', '30'], n: ['BIGINT', '2'] }),
    }),
    record({
      dims: { turbine: 'B' },
      name: 'r',
      timeMs: at(14),
      measure: multi({ kw: ['DOUBLE', '5'], n: ['BIGINT', '3'] }),
    }),
    record({
      dims: { turbine: 'B' },
      name: 'r',
      timeMs: at(4),
      measure: multi({ kw: ['DOUBLE', '7.5'], ok: ['BOOLEAN', 'true'] }),
    }),
    record({
      dims: { turbine: 'C' },
      name: 'r',
      timeMs: at(3),
      measure: multi({ ok: ['BOOLEAN', 'false'] }),
    }),
  ]);
  ctx = contextOf(store, [{ databaseName: 'db', tableName: 't', retentionMs: DAY_MS }], NOW);
});

const rows = async (query: string) => (await sql(ctx, `${query}`)).rows;
const typed = async (query: string) => {
  const t = await sql(ctx, query);
  return { types: t.columns.map((c) => c.type), rows: t.rows };
};

describe('aggregates', () => {
  it('ignore NULLs; count(*) counts rows; avg is a DOUBLE, sum of BIGINT a BIGINT', async () => {
    expect(
      await typed(
        'SELECT count(*), count(kw), avg(kw), sum(kw), sum(n), min(kw), max(n) FROM db.t',
      ),
    ).toEqual({
      types: ['BIGINT', 'BIGINT', 'DOUBLE', 'DOUBLE', 'BIGINT', 'DOUBLE', 'BIGINT'],
      rows: [['5', '4', '13.125', '52.5', '6', '5.0', '3']],
    });
  });

  it('over no rows: one row, count 0 and NULLs; with GROUP BY: no row', async () => {
    expect(
      await rows("SELECT count(*), avg(kw), max(turbine) FROM db.t WHERE turbine = 'Z'"),
    ).toEqual([['0', null, null]]);
    expect(
      await rows("SELECT turbine, count(*) FROM db.t WHERE turbine = 'Z' GROUP BY turbine"),
    ).toEqual([]);
  });

  it('count(DISTINCT), max_by, min_by', async () => {
    expect(
      await rows('SELECT count(DISTINCT turbine), max_by(turbine, kw), min_by(time, kw) FROM db.t'),
    ).toEqual([['3', 'A', '2024-01-01 23:46:00.000000000']]);
  });

  it('max_by keeps a NULL value of the row it picks, as Trino does (unlike max)', async () => {
    expect(
      await rows('SELECT turbine, max_by(n, time) FROM db.t GROUP BY turbine ORDER BY turbine'),
    ).toEqual([
      ['A', '2'],
      ['B', null],
      ['C', null],
    ]);
  });
});

describe('GROUP BY, bin, HAVING, ORDER BY, LIMIT', () => {
  it('groups by bin(time, 10m) named by alias, ordinal or expression alike', async () => {
    const expected = [
      ['2024-01-01 23:30:00.000000000', '10.0'],
      ['2024-01-01 23:40:00.000000000', '35.0'],
      ['2024-01-01 23:50:00.000000000', '7.5'],
    ];
    for (const groupBy of ['b', '1', 'bin(time, 10m)']) {
      expect(
        await rows(`SELECT bin(time, 10m) AS b, sum(kw) FROM db.t GROUP BY ${groupBy} ORDER BY b`),
      ).toEqual(expected);
    }
  });

  it('types bin as a TIMESTAMP', async () => {
    expect((await typed('SELECT bin(time, 1h) FROM db.t LIMIT 1')).types).toEqual(['TIMESTAMP']);
  });

  it('filters groups with HAVING and orders by an aggregate, descending', async () => {
    expect(
      await rows(
        'SELECT turbine, avg(kw) AS a FROM db.t GROUP BY turbine HAVING count(kw) > 0 ORDER BY avg(kw) DESC',
      ),
    ).toEqual([
      ['A', '20.0'],
      ['B', '6.25'],
    ]);
  });

  it('puts NULLs last in both directions unless told otherwise (Trino)', async () => {
    expect(await rows('SELECT turbine, kw FROM db.t ORDER BY kw DESC')).toEqual([
      ['A', '30.0'],
      ['A', '10.0'],
      ['B', '7.5'],
      ['B', '5.0'],
      ['C', null],
    ]);
    expect((await rows('SELECT kw FROM db.t ORDER BY kw NULLS FIRST LIMIT 2')).flat()).toEqual([
      null,
      '5.0',
    ]);
  });

  it('orders by several keys and by a column not selected, then limits', async () => {
    expect(await rows('SELECT turbine FROM db.t ORDER BY turbine DESC, time LIMIT 3')).toEqual([
      ['C'],
      ['B'],
      ['B'],
    ]);
    expect(await rows('SELECT kw FROM db.t ORDER BY time DESC LIMIT 1')).toEqual([[null]]);
  });

  it('DISTINCT removes repeated rows', async () => {
    expect(await rows('SELECT DISTINCT turbine FROM db.t ORDER BY 1')).toEqual([
      ['A'],
      ['B'],
      ['C'],
    ]);
  });
});

describe('predicates and three-valued logic', () => {
  it('IN, NOT IN, BETWEEN, NOT BETWEEN', async () => {
    expect(await rows('SELECT n FROM db.t WHERE n IN (1, 3) ORDER BY n')).toEqual([['1'], ['3']]);
    expect(await rows('SELECT n FROM db.t WHERE n NOT IN (1, 3)')).toEqual([['2']]);
    expect(await rows('SELECT kw FROM db.t WHERE kw BETWEEN 7.5 AND 10 ORDER BY kw')).toEqual([
      ['7.5'],
      ['10.0'],
    ]);
    expect(await rows('SELECT kw FROM db.t WHERE kw NOT BETWEEN 7.5 AND 10 ORDER BY kw')).toEqual([
      ['5.0'],
      ['30.0'],
    ]);
  });

  it('a comparison with NULL is NULL, which WHERE treats as false, and NOT NULL is NULL', async () => {
    expect(await rows('SELECT count(*) FROM db.t WHERE kw > 0 OR kw <= 0')).toEqual([['4']]);
    expect(await rows('SELECT count(*) FROM db.t WHERE NOT (kw > 0)')).toEqual([['0']]);
    expect(await rows('SELECT count(*) FROM db.t WHERE n IN (1, NULL)')).toEqual([['1']]);
    expect(await rows('SELECT count(*) FROM db.t WHERE n NOT IN (1, NULL)')).toEqual([['0']]);
  });

  it('TRUE OR NULL is TRUE and FALSE AND NULL is FALSE', async () => {
    expect(
      await rows(
        "SELECT ok OR kw > 100, ok AND kw > 100 FROM db.t WHERE turbine = 'B' ORDER BY time",
      ),
    ).toEqual([
      [null, 'false'],
      ['true', 'false'],
    ]);
    expect(
      await rows("SELECT ok OR kw > 100, ok AND kw > 100 FROM db.t WHERE turbine = 'C'"),
    ).toEqual([[null, 'false']]);
  });

  it('IS NULL and IS NOT NULL', async () => {
    expect(await rows('SELECT turbine FROM db.t WHERE kw IS NULL')).toEqual([['C']]);
    expect(await rows('SELECT count(*) FROM db.t WHERE ok IS NOT NULL')).toEqual([['2']]);
  });

  it('LIKE is case-sensitive, with % and _', async () => {
    expect(
      await rows(
        "SELECT DISTINCT turbine FROM db.t WHERE turbine LIKE '_' AND turbine NOT LIKE 'a%' ORDER BY 1",
      ),
    ).toEqual([['A'], ['B'], ['C']]);
  });
});

describe('expressions', () => {
  it('computes BIGINT with integer division and DOUBLE as doubles', async () => {
    expect(await typed('SELECT 7 / 2, 7 % 3, 7.0 / 2, 2 * 1.5, -n FROM db.t WHERE n = 1')).toEqual({
      types: ['BIGINT', 'BIGINT', 'DOUBLE', 'DOUBLE', 'BIGINT'],
      rows: [['3', '1', '3.5', '3.0', '-1']],
    });
  });

  it('refuses BIGINT division by zero', async () => {
    await expect(rows('SELECT n / 0 FROM db.t WHERE n = 1')).rejects.toThrow(/Division by zero/);
  });

  it('does time arithmetic and conversions', async () => {
    expect(
      await rows(
        "SELECT time - 1h, to_milliseconds(time), from_milliseconds(0), from_iso8601_timestamp('2024-01-01T00:00:00Z') FROM db.t WHERE n = 1",
      ),
    ).toEqual([
      [
        '2024-01-01 22:35:00.000000000',
        String(NOW - 25 * MIN),
        '1970-01-01 00:00:00.000000000',
        '2024-01-01 00:00:00.000000000',
      ],
    ]);
  });

  it('names expressions _col<position> unless aliased, and columns by their name', async () => {
    const t = await sql(ctx, 'SELECT turbine, count(*), max(kw) AS top FROM db.t GROUP BY turbine');
    expect(t.columns.map((c) => c.name)).toEqual(['turbine', '_col1', 'top']);
  });

  it('answers a SELECT without FROM', async () => {
    expect(await typed("SELECT now(), current_timestamp, 1 + 1, 'x', NULL, true")).toEqual({
      types: ['TIMESTAMP', 'TIMESTAMP', 'BIGINT', 'VARCHAR', 'UNKNOWN', 'BOOLEAN'],
      rows: [
        ['2024-01-02 00:00:00.000000000', '2024-01-02 00:00:00.000000000', '2', 'x', null, 'true'],
      ],
    });
  });
});
