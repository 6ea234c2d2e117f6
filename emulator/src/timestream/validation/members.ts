import type { ListShape, NumberShape, Shape, StringShape, StructureShape } from './shape.js';

/**
 * Shapes shared by several operations, transcribed from the botocore `timestream-write`
 * 2018-11-01 model (constraints) and the API reference (name lengths).
 */

/**
 * A database or table name in a create call: `ResourceCreateAPIName`, pattern `[a-zA-Z0-9_.-]+`
 * (model). Length 3..256 is the API reference's ("Length Constraints: Minimum length of 3.
 * Maximum length of 256.", API_CreateDatabase.html / API_CreateTable.html); the current model
 * no longer states it.
 */
export const createName: StringShape = {
  type: 'string',
  min: 3,
  max: 256,
  pattern: '[a-zA-Z0-9_.-]+',
};

/** A name in any other call: `ResourceName`, 3..256 (API reference), no pattern. */
export const resourceName: StringShape = { type: 'string', min: 3, max: 256 };

/** `PaginationLimit` of ListDatabases / ListTables: 1..20. */
export const maxResults: NumberShape = { type: 'integer', min: 1, max: 20 };

export const nextToken: StringShape = { type: 'string' };

export const resourceArn: StringShape = { type: 'string', min: 1, max: 1011 };

const tag: StructureShape = {
  type: 'structure',
  members: {
    Key: { type: 'string', min: 1, max: 128 },
    Value: { type: 'string', min: 0, max: 256 },
  },
  required: ['Key', 'Value'],
};

/** `TagList`: at most 200 tags per call. */
export const tags: ListShape = { type: 'list', member: tag, min: 0, max: 200 };

export const tagKeys: ListShape = {
  type: 'list',
  member: { type: 'string', min: 1, max: 128 },
  min: 0,
  max: 200,
};

/** Both members required; memory store 1..8766 h, magnetic store 1..73000 days (model). */
export const retentionProperties: StructureShape = {
  type: 'structure',
  members: {
    MemoryStoreRetentionPeriodInHours: { type: 'long', min: 1, max: 8766 },
    MagneticStoreRetentionPeriodInDays: { type: 'long', min: 1, max: 73000 },
  },
  required: ['MemoryStoreRetentionPeriodInHours', 'MagneticStoreRetentionPeriodInDays'],
};

const s3Configuration: StructureShape = {
  type: 'structure',
  members: {
    BucketName: {
      type: 'string',
      min: 3,
      max: 63,
      pattern: '[a-z0-9][\\.\\-a-z0-9]{1,61}[a-z0-9]',
    },
    ObjectKeyPrefix: { type: 'string', min: 1, max: 928 },
    EncryptionOption: { type: 'string', enum: ['SSE_S3', 'SSE_KMS'] },
    KmsKeyId: { type: 'string', min: 1, max: 2048 },
  },
};

export const magneticStoreWriteProperties: StructureShape = {
  type: 'structure',
  members: {
    EnableMagneticStoreWrites: { type: 'boolean' },
    MagneticStoreRejectedDataLocation: {
      type: 'structure',
      members: { S3Configuration: s3Configuration },
    },
  },
  required: ['EnableMagneticStoreWrites'],
};

const partitionKey: StructureShape = {
  type: 'structure',
  members: {
    Type: { type: 'string', enum: ['DIMENSION', 'MEASURE'] },
    Name: { type: 'string', min: 1 },
    EnforcementInRecord: { type: 'string', enum: ['REQUIRED', 'OPTIONAL'] },
  },
  required: ['Type'],
};

export const schema: StructureShape = {
  type: 'structure',
  members: { CompositePartitionKey: { type: 'list', member: partitionKey, min: 1 } },
};

const measureValueType: StringShape = {
  type: 'string',
  enum: ['DOUBLE', 'BIGINT', 'VARCHAR', 'BOOLEAN', 'TIMESTAMP', 'MULTI'],
};

/**
 * `Record` as the model constrains it; everything else about a record (types parse, names not
 * reserved, dimensions not overlapping, Version >= 1, ...) is app/src/telemetry/validate.ts's.
 */
export const record: StructureShape = {
  type: 'structure',
  members: {
    Dimensions: {
      type: 'list',
      max: 128,
      member: {
        type: 'structure',
        members: {
          Name: { type: 'string', min: 1 },
          Value: { type: 'string' },
          DimensionValueType: { type: 'string', enum: ['VARCHAR'] },
        },
        required: ['Name', 'Value'],
      },
    },
    MeasureName: { type: 'string', min: 1 },
    MeasureValue: { type: 'string', min: 1, max: 2048 },
    MeasureValueType: measureValueType,
    Time: { type: 'string', min: 1, max: 256 },
    TimeUnit: { type: 'string', enum: ['MILLISECONDS', 'SECONDS', 'MICROSECONDS', 'NANOSECONDS'] },
    Version: { type: 'long' },
    MeasureValues: {
      type: 'list',
      member: {
        type: 'structure',
        members: {
          Name: { type: 'string', min: 1 },
          Value: { type: 'string', min: 1, max: 2048 },
          Type: measureValueType,
        },
        required: ['Name', 'Value', 'Type'],
      },
    },
  },
};

/** A structure of the given members; shorthand for the operations' input shapes. */
export function input(members: Record<string, Shape>, required: string[] = []): StructureShape {
  return { type: 'structure', members, required };
}
