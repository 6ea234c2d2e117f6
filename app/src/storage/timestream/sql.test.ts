import { describe, expect, it } from 'vitest';
import {
  buildDescribe,
  buildSelect,
  quoteIdentifier,
  quoteLiteral,
  timestampLiteral,
} from './sql.js';

const table = { database: 'windtunnel', table: 'telemetry' };
const T0 = 1_700_000_000_000_000_000n;

describe('quoting', () => {
  it('doubles double quotes in identifiers and single quotes in literals', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteLiteral("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
  });

  it('leaves backslashes, newlines and unicode as they are (Trino has no backslash escapes)', () => {
    expect(quoteLiteral('back\\slash\nnew 🌬️ 風力')).toBe("'back\\slash\nnew 🌬️ 風力'");
    expect(quoteIdentifier('dim\\"x')).toBe('"dim\\""x"');
  });
});

describe('timestampLiteral', () => {
  it('keeps nanoseconds and clamps to the range Timestream can hold', () => {
    expect(timestampLiteral(T0 + 7n)).toBe("TIMESTAMP '2023-11-14 22:13:20.000000007'");
    expect(timestampLiteral(-5n)).toBe("TIMESTAMP '1970-01-01 00:00:00.000000000'");
    expect(timestampLiteral(2n ** 70n)).toBe("TIMESTAMP '2262-04-11 23:47:16.854775807'");
  });
});

describe('buildSelect', () => {
  it('builds the range query with quoted table, ascending order and limit', () => {
    expect(buildSelect(table, { from: T0, to: T0 + 1_000_000_000n, limit: 10 })).toBe(
      'SELECT * FROM "windtunnel"."telemetry" WHERE ' +
        "time >= TIMESTAMP '2023-11-14 22:13:20.000000000' AND " +
        "time < TIMESTAMP '2023-11-14 22:13:21.000000000' ORDER BY time ASC LIMIT 10",
    );
  });

  it('escapes hostile dimension names, values and measure names', () => {
    const sql = buildSelect(
      { database: 'd"b', table: "t'" },
      {
        from: T0,
        to: T0 + 1n,
        dimensions: { 'turbine"id': "it's", z: 'a\\b\nc' },
        measureNames: ["m'1", 'wind 風'],
      },
    );
    expect(sql).toBe(
      `SELECT * FROM "d""b"."t'" WHERE time >= TIMESTAMP '2023-11-14 22:13:20.000000000' AND ` +
        `time < TIMESTAMP '2023-11-14 22:13:20.000000001' AND "turbine""id" = 'it''s' AND ` +
        `"z" = 'a\\b\nc' AND measure_name IN ('m''1', 'wind 風') ORDER BY time ASC`,
    );
  });

  it('describes a table by its quoted name', () => {
    expect(buildDescribe({ database: 'db', table: 'a"b' })).toBe('DESCRIBE "db"."a""b"');
  });
});
