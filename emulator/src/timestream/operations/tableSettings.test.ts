import { describe, expect, it } from 'vitest';
import { testTable } from '../../../../test/fixtures/timestream-server/tableEntry.js';
import { ValidationException } from '../protocol/errors.js';
import { applySettings, checkSchemaChange } from './tableSettings.js';

const keyed = () =>
  testTable({
    schema: {
      CompositePartitionKey: [{ Type: 'DIMENSION', Name: 'site', EnforcementInRecord: 'OPTIONAL' }],
    },
  });

describe('table settings', () => {
  it('lets UpdateTable change the enforcement level of a partition key', () => {
    const table = keyed();
    const request = {
      Schema: {
        CompositePartitionKey: [
          { Type: 'DIMENSION', Name: 'site', EnforcementInRecord: 'REQUIRED' },
        ],
      },
    };
    checkSchemaChange(table, request);
    applySettings(table, request);
    expect(table.schema.CompositePartitionKey[0]?.EnforcementInRecord).toBe('REQUIRED');
  });

  it.each([
    [[{ Type: 'DIMENSION', Name: 'region' }]],
    [[{ Type: 'MEASURE' }]],
    [[{ Type: 'DIMENSION', Name: 'site' }, { Type: 'MEASURE' }]],
  ])('refuses to change partition key names, types or order: %j', (keys) => {
    expect(() => checkSchemaChange(keyed(), { Schema: { CompositePartitionKey: keys } })).toThrow(
      ValidationException,
    );
  });

  it('replaces retention and magnetic-store write settings', () => {
    const table = testTable();
    applySettings(table, {
      RetentionProperties: {
        MemoryStoreRetentionPeriodInHours: 12,
        MagneticStoreRetentionPeriodInDays: 5,
      },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true },
    });
    expect(table).toMatchObject({
      memoryStoreRetentionHours: 12,
      magneticStoreRetentionDays: 5,
      magneticStoreWrites: { EnableMagneticStoreWrites: true },
    });
  });
});
