import { describe, expect, it } from 'vitest';
import { SerializationException, ValidationException } from '../protocol/errors.js';
import { createName, input, record, resourceName, retentionProperties } from './members.js';
import { conform } from './shape.js';

const writeRecords = input(
  {
    DatabaseName: resourceName,
    TableName: resourceName,
    Records: { type: 'list', member: record, min: 1, max: 100 },
  },
  ['DatabaseName', 'TableName', 'Records'],
);

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationException) return error.message;
    throw error;
  }
  throw new Error('expected a ValidationException');
}

describe('conform', () => {
  it('words a nested enum violation exactly as the recorded AWS response does', () => {
    const body = {
      DatabaseName: 'db1',
      TableName: 'tb1',
      Records: [{ Dimensions: [{ Name: 'a', Value: 'b', DimensionValueType: 'X' }] }],
    };
    // test/fixtures/timestream/validation.write.json (research §3.1)
    expect(messageOf(() => conform(writeRecords, body))).toBe(
      "1 validation error detected: Value 'X' at 'records.1.member.dimensions.1.member.dimensionValueType' failed to satisfy constraint: Member must satisfy enum value set: [VARCHAR]",
    );
  });

  it('counts and joins several violations, including missing required members', () => {
    const message = messageOf(() => conform(writeRecords, { DatabaseName: 'ab', Records: [] }));
    expect(message).toBe(
      "3 validation errors detected: Value 'ab' at 'databaseName' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 3; ' +
        "Value null at 'tableName' failed to satisfy constraint: Member must not be null; " +
        "Value '[]' at 'records' failed to satisfy constraint: " +
        'Member must have length greater than or equal to 1',
    );
  });

  it('leaves the value out for a list that is too long, as Coral does', () => {
    const body = { DatabaseName: 'db1', TableName: 'tb1', Records: Array(101).fill({}) };
    expect(messageOf(() => conform(writeRecords, body))).toBe(
      "1 validation error detected: Value at 'records' failed to satisfy constraint: " +
        'Member must have length less than or equal to 100',
    );
  });

  it('checks name patterns against the whole value', () => {
    const shape = input({ DatabaseName: createName }, ['DatabaseName']);
    expect(conform(shape, { DatabaseName: 'a-b_c.9' })).toEqual({ DatabaseName: 'a-b_c.9' });
    expect(messageOf(() => conform(shape, { DatabaseName: 'has space' }))).toBe(
      "1 validation error detected: Value 'has space' at 'databaseName' failed to satisfy " +
        'constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+',
    );
    expect(messageOf(() => conform(shape, { DatabaseName: 'x'.repeat(257) }))).toMatch(
      /Member must have length less than or equal to 256$/,
    );
  });

  it('checks number ranges', () => {
    const shape = input({ RetentionProperties: retentionProperties });
    const body = {
      RetentionProperties: {
        MemoryStoreRetentionPeriodInHours: 0,
        MagneticStoreRetentionPeriodInDays: 73001,
      },
    };
    expect(messageOf(() => conform(shape, body))).toBe(
      "2 validation errors detected: Value '0' at " +
        "'retentionProperties.memoryStoreRetentionPeriodInHours' failed to satisfy constraint: " +
        "Member must have value greater than or equal to 1; Value '73001' at " +
        "'retentionProperties.magneticStoreRetentionPeriodInDays' failed to satisfy constraint: " +
        'Member must have value less than or equal to 73000',
    );
  });

  it('drops members the model does not have, as a deserializer would', () => {
    const body = { DatabaseName: 'db1', TableName: 'tb1', Records: [{ Time: '1', Colour: 'x' }] };
    expect(conform(writeRecords, { ...body, Extra: true })).toEqual({
      DatabaseName: 'db1',
      TableName: 'tb1',
      Records: [{ Time: '1' }],
    });
  });

  it('answers a member of the wrong JSON type with a SerializationException', () => {
    expect(() => conform(writeRecords, { DatabaseName: 5 })).toThrow(SerializationException);
    expect(() =>
      conform(writeRecords, { DatabaseName: 'db1', TableName: 'tb1', Records: [{ Version: '2' }] }),
    ).toThrow(SerializationException);
  });
});
