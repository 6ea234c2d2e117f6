import { describe, expect, it } from 'vitest';
import { buildLatest, latestColumns } from './latestSql.js';
import { range, table, turbinesSchema as schema, WHERE } from './testing.js';

describe('latestColumns', () => {
  it('keeps the dimensions to group by and the DOUBLE columns to read', () => {
    const query = {
      ...range,
      groupBy: ['project', 'nope', 'power_kw'],
      measures: ['power_kw', 'rotor_rpm', 'project', 'measure_value::double', 'nope'],
    };

    expect(latestColumns(query, schema)).toEqual({
      groupBy: ['project'],
      measures: ['power_kw', 'measure_value::double'],
    });
  });
});

describe('buildLatest', () => {
  it('selects the groups, the newest time and each measure of the newest row', () => {
    const query = { ...range, groupBy: ['project', 'turbine_id'], measures: [] };
    const columns = {
      groupBy: ['project', 'turbine_id'],
      measures: ['power_kw', 'measure_value::double'],
    };

    expect(buildLatest(table, query, columns)).toBe(
      'SELECT "project", "turbine_id", max(time), max_by("power_kw", time), ' +
        'max_by("measure_value::double", time) FROM "windtunnel"."telemetry" ' +
        `${WHERE} GROUP BY "project", "turbine_id"`,
    );
  });

  it('has no GROUP BY when none of the groups is a dimension of the table', () => {
    const query = { ...range, groupBy: ['nope'], measures: [] };

    expect(buildLatest(table, query, { groupBy: [], measures: [] })).toBe(
      `SELECT max(time) FROM "windtunnel"."telemetry" ${WHERE}`,
    );
  });

  it('escapes hostile table, dimension and measure names and values', () => {
    const query = {
      ...range,
      dimensions: { 'dim "x"': "x' OR '1'='1" },
      measureNames: ["m'"],
      groupBy: ['dim "x"'],
      measures: [],
    };

    expect(
      buildLatest({ database: 'd"b', table: "t'" }, query, {
        groupBy: ['dim "x"'],
        measures: ['kw"'],
      }),
    ).toBe(
      `SELECT "dim ""x""", max(time), max_by("kw""", time) FROM "d""b"."t'" ${WHERE} AND ` +
        `"dim ""x""" = 'x'' OR ''1''=''1' AND measure_name IN ('m''') GROUP BY "dim ""x"""`,
    );
  });
});
