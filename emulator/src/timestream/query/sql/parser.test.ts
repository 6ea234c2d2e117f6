import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../protocol/errors.js';
import { exprKey, type Expr, type SelectStatement } from './ast.js';
import { parse } from './parser.js';

const select = (sql: string) => parse(sql) as SelectStatement;
const where = (condition: string) =>
  exprKey(select(`SELECT 1 FROM db.t WHERE ${condition}`).where!);

describe('parse: statements', () => {
  it('reads a SELECT with every clause', () => {
    const s = select(
      'SELECT DISTINCT turbine_id AS t, avg(measure_value::double) FROM "db"."table" x ' +
        'WHERE time > ago(1h) GROUP BY 1 HAVING count(*) > 2 ORDER BY 2 DESC NULLS FIRST LIMIT 5;',
    );
    expect(s).toMatchObject({
      distinct: true,
      from: { database: 'db', table: 'table', alias: 'x' },
      limit: 5,
      orderBy: [{ descending: true, nullsFirst: true }],
    });
    expect(s.items).toHaveLength(2);
    expect(s.groupBy).toHaveLength(1);
    expect(s.having).toBeDefined();
  });

  it('orders ASC with NULLS LAST unless told otherwise (Trino)', () => {
    expect(select('SELECT a FROM db.t ORDER BY a').orderBy[0]).toMatchObject({
      descending: false,
      nullsFirst: false,
    });
  });

  it('reads SHOW DATABASES, SHOW TABLES FROM db LIKE, DESCRIBE db.table', () => {
    expect(parse("SHOW DATABASES LIKE 'w%'")).toEqual({ kind: 'showDatabases', like: 'w%' });
    expect(parse('show tables from "wind"')).toMatchObject({
      kind: 'showTables',
      database: 'wind',
    });
    expect(parse('DESCRIBE wind.telemetry')).toMatchObject({
      kind: 'describe',
      table: { database: 'wind', table: 'telemetry' },
    });
  });

  it('reads a non-reserved word such as date or time as a column', () => {
    expect(select('SELECT date, time FROM db.t').items).toMatchObject([
      { expr: { kind: 'column', name: 'date' } },
      { expr: { kind: 'column', name: 'time' } },
    ]);
  });

  it('takes keywords in any case and a bare alias', () => {
    expect(select('select x y from db.t').items[0]).toMatchObject({ alias: 'y' });
  });
});

describe('parse: expression precedence', () => {
  it('binds AND tighter than OR, and NOT tighter than AND', () => {
    expect(where('a = 1 OR b = 2 AND NOT c = 3')).toBe(
      '((col(.a) = lit(BIGINT:1)) OR ((col(.b) = lit(BIGINT:2)) AND NOT((col(.c) = lit(BIGINT:3)))))',
    );
  });

  it('binds * tighter than +, and unary minus tightest', () => {
    expect(where('x = 1 + 2 * -3')).toBe(
      '(col(.x) = (lit(BIGINT:1) + (lit(BIGINT:2) * lit(BIGINT:-3))))',
    );
  });

  it('keeps parentheses', () => {
    expect(where('(a = 1 OR b = 2) AND c = 3')).toBe(
      '(((col(.a) = lit(BIGINT:1)) OR (col(.b) = lit(BIGINT:2))) AND (col(.c) = lit(BIGINT:3)))',
    );
  });

  it('reads BETWEEN ... AND without taking its AND for a conjunction', () => {
    expect(where('time BETWEEN ago(2h) AND now() AND x IN (1, 2)')).toBe(
      '(btw(false:col(.time),ago(lit(INTERVAL:7200000000000)),now()) AND in(false:col(.x);lit(BIGINT:1),lit(BIGINT:2)))',
    );
  });

  it('reads NOT IN, NOT BETWEEN, NOT LIKE, IS NOT NULL', () => {
    expect(
      where("a NOT IN ('x') AND b NOT BETWEEN 1 AND 2 AND c NOT LIKE 'p%' AND d IS NOT NULL"),
    ).toBe(
      '(((in(true:col(.a);lit(VARCHAR:x)) AND btw(true:col(.b),lit(BIGINT:1),lit(BIGINT:2))) AND like(true:col(.c),lit(VARCHAR:p%),)) AND isnull(true:col(.d)))',
    );
  });

  it('reads TIMESTAMP literals to nanoseconds and current_timestamp as now()', () => {
    expect(where("time >= TIMESTAMP '2024-01-01 00:00:00.5' AND time < current_timestamp")).toBe(
      '((col(.time) >= lit(TIMESTAMP:1704067200500000000)) AND (col(.time) < now()))',
    );
  });

  it('reads a qualified column and function names in any case', () => {
    expect(
      exprKey((select('SELECT BIN(t.time, 1m) FROM db.x t').items[0] as { expr: Expr }).expr),
    ).toBe('bin(col(t.time),lit(INTERVAL:60000000000))');
  });
});

describe('parse: errors', () => {
  it("says where the input stops making sense, in Trino's words", () => {
    const attempt = () => parse('SELECT a FROM db.t WHERE');
    expect(attempt).toThrow(ValidationException);
    expect(attempt).toThrow("line 1:25: mismatched input '<EOF>'. Expecting: <expression>");
  });

  it('counts lines and columns', () => {
    expect(() => parse('SELECT a,\n  FROM db.t')).toThrow(/^line 2:3: mismatched input 'FROM'/);
  });

  it('refuses a table without its database', () => {
    expect(() => parse('SELECT * FROM telemetry')).toThrow(
      'line 1:15: Table \'telemetry\' must be qualified with its database: "db"."table"',
    );
  });

  it('refuses trailing input', () => {
    expect(() => parse('SELECT 1 2 3')).toThrow(/line 1:10: mismatched input '2'/);
  });
});
