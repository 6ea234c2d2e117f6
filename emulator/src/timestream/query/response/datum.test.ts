import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../../test/fixtures/timestream/fixture.js';
import { formatJavaDouble } from '../types/javaDouble.js';
import { columnInfo, toDatum } from './datum.js';

describe('formatJavaDouble: DOUBLE as Java prints it', () => {
  it.each([
    [42949671.67, '4.294967167E7'], // recorded: test/fixtures/timestream/query.select.signalk.json
    [7.25, '7.25'],
    [1532, '1532.0'],
    [0, '0.0'],
    [-0, '-0.0'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [9999999, '9999999.0'],
    [10000000, '1.0E7'],
    [-123456789.5, '-1.234567895E8'],
    [1e21, '1.0E21'],
    [0.1 + 0.2, '0.30000000000000004'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [5e-324, '4.9E-324'],
  ])('%s -> %s', (value, text) => {
    expect(formatJavaDouble(value)).toBe(text);
  });

  it('spells the recorded value exactly as the recorded response does', () => {
    const recorded = fixture<{ Rows: { Data: { ScalarValue?: string }[] }[] }>(
      'query.select.signalk.json',
    );
    const text = recorded.Rows[0]?.Data[1]?.ScalarValue as string;
    expect(formatJavaDouble(Number(text))).toBe(text);
  });
});

describe('toDatum', () => {
  it('is {"NullValue": true} for NULL, whatever the type', () => {
    expect(toDatum(null, 'DOUBLE')).toEqual({ NullValue: true });
    expect(toDatum(null, 'UNKNOWN')).toEqual({ NullValue: true });
  });

  it('prints a TIMESTAMP in UTC with nine fractional digits', () => {
    expect(toDatum(1602953990892000000n, 'TIMESTAMP')).toEqual({
      ScalarValue: '2020-10-17 16:59:50.892000000',
    });
    expect(toDatum(1n, 'TIMESTAMP')).toEqual({ ScalarValue: '1970-01-01 00:00:00.000000001' });
  });

  it('prints BIGINT in full, BOOLEAN in lower case, VARCHAR as is', () => {
    expect(toDatum(-9223372036854775808n, 'BIGINT')).toEqual({
      ScalarValue: '-9223372036854775808',
    });
    expect(toDatum(true, 'BOOLEAN')).toEqual({ ScalarValue: 'true' });
    expect(toDatum('it\'s "x"\n', 'VARCHAR')).toEqual({ ScalarValue: 'it\'s "x"\n' });
    expect(toDatum(1532.25, 'DOUBLE')).toEqual({ ScalarValue: '1532.25' });
  });

  it('describes a column with its ScalarType', () => {
    expect(columnInfo('time', 'TIMESTAMP')).toEqual({
      Name: 'time',
      Type: { ScalarType: 'TIMESTAMP' },
    });
  });
});
