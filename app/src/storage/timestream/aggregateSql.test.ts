import { describe, expect, it } from 'vitest';
import {
  aggregateColumns,
  buildAggregate,
  intervalLiteral,
  type AggregateColumns,
} from './aggregateSql.js';
import { range, table, turbinesSchema as schema, WHERE } from './testing.js';

describe('aggregateColumns', () => {
  it('keeps dimensions to group and count, and DOUBLE columns to aggregate', () => {
    const query = {
      ...range,
      bin: 600_000_000_000n,
      groupBy: ['project', 'status', 'nope', 'project'],
      measures: ['power_kw', 'rotor_rpm', 'status', 'turbine_id', 'measure_value::double', 'nope'],
      distinct: ['turbine_id', 'power_kw', 'nope'],
    };
    expect(aggregateColumns(query, schema)).toEqual({
      bin: 600_000_000_000n,
      groupBy: ['project'],
      measures: ['power_kw', 'measure_value::double'],
      stats: ['count', 'sum', 'min', 'max'],
      distinct: ['turbine_id'],
    });
  });

  it('selects only the statistics asked for, in a fixed order', () => {
    const columns = aggregateColumns({ ...range, stats: ['max', 'sum'] }, schema);
    expect(columns.stats).toEqual(['sum', 'max']);
  });

  it('sends no bin wider than the last timestamp: every record is in the bin at 0', () => {
    expect(aggregateColumns({ ...range, bin: 2n ** 63n }, schema).bin).toBeUndefined();
    expect(aggregateColumns({ ...range, bin: 2n ** 63n - 1n }, schema).bin).toBe(2n ** 63n - 1n);
  });
});

describe('buildAggregate', () => {
  it('bins, groups and aggregates in one SELECT, grouping by the same expressions', () => {
    const columns: AggregateColumns = {
      bin: 600_000_000_000n,
      groupBy: ['turbine_id'],
      measures: ['power_kw'],
      stats: ['count', 'sum', 'min', 'max'],
      distinct: ['project'],
    };
    expect(buildAggregate(table, { ...range, measureNames: ['reading'] }, columns)).toBe(
      'SELECT bin(time, 10m), "turbine_id", count(*), count("power_kw"), sum("power_kw"), ' +
        'min("power_kw"), max("power_kw"), count(DISTINCT "project") ' +
        `FROM "windtunnel"."telemetry" ${WHERE} AND measure_name IN ('reading') ` +
        'GROUP BY bin(time, 10m), "turbine_id"',
    );
  });

  it('has no GROUP BY without a bin or a group', () => {
    const columns = { groupBy: [], measures: ['measure_value::double'], stats: [], distinct: [] };
    expect(buildAggregate(table, range, { ...columns, stats: ['sum'] })).toBe(
      `SELECT count(*), sum("measure_value::double") FROM "windtunnel"."telemetry" ${WHERE}`,
    );
  });

  it('escapes hostile table, dimension and measure names and values', () => {
    const columns = {
      groupBy: ['dim "x"'],
      measures: ["kw'"],
      stats: ['sum' as const],
      distinct: [],
    };
    const query = { ...range, dimensions: { 'dim "x"': "x' OR '1'='1" }, measureNames: ["m'"] };
    expect(buildAggregate({ database: 'd"b', table: "t'" }, query, columns)).toBe(
      `SELECT "dim ""x""", count(*), sum("kw'") FROM "d""b"."t'" ${WHERE} AND ` +
        `"dim ""x""" = 'x'' OR ''1''=''1' AND measure_name IN ('m''') GROUP BY "dim ""x"""`,
    );
  });
});

describe('intervalLiteral', () => {
  it('uses the largest unit that holds the width exactly', () => {
    expect(
      [86_400_000_000_000n, 600_000_000_000n, 90_000_000_000n, 1_500_000n, 2_000n, 7n].map(
        intervalLiteral,
      ),
    ).toEqual(['1d', '10m', '90s', '1500us', '2us', '7ns']);
  });
});
