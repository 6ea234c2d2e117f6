import { describe, expect, it } from 'vitest';
import { fixture } from '../../../../test/fixtures/timestream/fixture.js';
import { isRejectedRecordsError, mapRejectedRecords, rejectionCode } from './rejections.js';

describe('rejectionCode', () => {
  it('reads the reasons Timestream is known to give', () => {
    // aws/aws-sdk-pandas#2018 (current) and prometheus-timestream-adapter#87 (older text).
    expect(
      rejectionCode(
        'The record version 2 is lower than the existing version 200. A higher version is ' +
          'required to update the measure value.',
      ),
    ).toBe('VersionConflict');
    expect(
      rejectionCode(
        'A record already exists with the same time, dimensions, measure name, and record ' +
          'version. A higher record version must be specified in order to update the measure value.',
      ),
    ).toBe('VersionConflict');
    expect(
      rejectionCode(
        'The record timestamp is outside the time range [2023-02-13T19:22:45.051Z, ' +
          '2023-02-20T20:02:45.051Z) of the data ingestion window.',
      ),
    ).toBe('OutOfRetention');
    expect(rejectionCode('Measure value exceeds the maximum size')).toBe('InvalidRecord');
  });
});

describe('mapRejectedRecords', () => {
  const error = Object.assign(new Error('One or more records have been rejected.'), {
    name: 'RejectedRecordsException',
    ...fixture<object>('rejected-records.json'),
  });

  it("maps RecordIndex to the caller's indexes and stores every other record", () => {
    const callerIndexes = Array.from({ length: 10 }, (_, i) => 100 + i);
    const outcome = mapRejectedRecords(error, callerIndexes);
    expect(outcome.rejected).toEqual([
      {
        index: 103,
        code: 'VersionConflict',
        reason: expect.stringContaining('lower than the existing version 200'),
        existingVersion: 200n,
      },
      {
        index: 107,
        code: 'OutOfRetention',
        reason: expect.stringContaining('outside the time range'),
      },
    ]);
    expect(outcome.stored).toEqual([100, 101, 102, 104, 105, 106, 108, 109]);
  });

  it('follows the index mapping when records were taken out before sending', () => {
    const outcome = mapRejectedRecords(error, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(outcome.rejected.map((r) => r.index)).toEqual([6, 14]);
  });

  it('ignores entries that point outside the chunk', () => {
    const outcome = mapRejectedRecords(error, [0, 1, 2]);
    expect(outcome).toEqual({ stored: [0, 1, 2], rejected: [] });
  });

  it('recognises the exception by name', () => {
    expect(isRejectedRecordsError(error)).toBe(true);
    expect(isRejectedRecordsError(new Error('x'))).toBe(false);
  });
});
