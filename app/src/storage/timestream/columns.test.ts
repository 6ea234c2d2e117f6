import { describe, expect, it } from 'vitest';
import { dimensionColumns, doubleColumns, unknownNames } from './columns.js';
import { turbinesSchema as schema } from './testing.js';

describe('dimensionColumns and doubleColumns', () => {
  it('keep the dimensions, and the DOUBLE MULTI and single-measure columns, each once', () => {
    const names = ['project', 'status', 'power_kw', 'nope', 'measure_value::double', 'project'];

    expect(dimensionColumns(names, schema)).toEqual(['project']);
    expect(doubleColumns([...names, 'rotor_rpm', 'measure_value::bigint'], schema)).toEqual([
      'power_kw',
      'measure_value::double',
    ]);
  });
});

describe('unknownNames', () => {
  it('lists the names of filters, groups, measures and distinct counts the schema lacks', () => {
    const query = {
      dimensions: { site: 'north', project: 'P' },
      groupBy: ['turbine_id', 'row'],
      measures: ['power_kw', 'ghost'],
      distinct: ['site'],
    };

    expect(unknownNames(query, schema)).toEqual(['site', 'row', 'ghost']);
  });
});
