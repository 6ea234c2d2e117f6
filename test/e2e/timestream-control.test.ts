import {
  ConflictException,
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteDatabaseCommand,
  DeleteTableCommand,
  DescribeDatabaseCommand,
  DescribeTableCommand,
  ListDatabasesCommand,
  ListTablesCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateDatabaseCommand,
  UpdateTableCommand,
  ValidationException,
} from '@aws-sdk/client-timestream-write';
import { describe, expect, it } from 'vitest';
import { describeOnEveryBackend, rejection } from '../fixtures/timestream-server/harness.js';

/**
 * The Timestream Write API's control plane through @aws-sdk/client-timestream-write v3 against
 * the windtunnel server, on the in-memory store and on InfluxDB.
 */
describeOnEveryBackend('Timestream control plane', (s) => {
  const createDatabase = (name: string) =>
    s.write.send(new CreateDatabaseCommand({ DatabaseName: name }));
  const createTable = (database: string, table: string) =>
    s.write.send(new CreateTableCommand({ DatabaseName: database, TableName: table }));

  describe('databases', () => {
    it('creates a database and describes it with its ARN, key and times', async () => {
      const name = s.databaseName();
      const before = Date.now();
      const { Database } = await createDatabase(name);
      expect(Database).toMatchObject({
        Arn: `arn:aws:timestream:us-east-1:123456789012:database/${name}`,
        DatabaseName: name,
        TableCount: 0,
        KmsKeyId: expect.stringMatching(/^arn:aws:kms:us-east-1:123456789012:key\//) as string,
      });
      expect(Database?.CreationTime?.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const described = await s.write.send(new DescribeDatabaseCommand({ DatabaseName: name }));
      expect(described.Database).toEqual(Database);
    });

    it('answers ConflictException (409) for an existing name', async () => {
      const name = s.databaseName();
      await createDatabase(name);
      await rejection(createDatabase(name), ConflictException, 409);
    });

    it('answers ValidationException (400) for a name outside [a-zA-Z0-9_.-]{3,256}', async () => {
      const error = await rejection(createDatabase('no spaces allowed'), ValidationException, 400);
      expect(error.message).toContain('Member must satisfy regular expression pattern');
      await rejection(createDatabase('ab'), ValidationException, 400);
    });

    it('answers ResourceNotFoundException (404) with AWS text for a missing database', async () => {
      const error = await rejection(
        s.write.send(new DescribeDatabaseCommand({ DatabaseName: 'never_created' })),
        ResourceNotFoundException,
        404,
      );
      expect(error.message).toBe('The database never_created does not exist.');
    });

    it('lists databases in pages of MaxResults', async () => {
      const prefix = s.databaseName('page');
      const names = ['c', 'a', 'b'].map((suffix) => `${prefix}_${suffix}`);
      for (const name of names) await createDatabase(name);
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await s.write.send(
          new ListDatabasesCommand({ MaxResults: 2, NextToken: token }),
        );
        expect(page.Databases!.length).toBeLessThanOrEqual(2);
        seen.push(...page.Databases!.map((d) => d.DatabaseName!));
        token = page.NextToken;
        pages += 1;
      } while (token);
      expect(pages).toBeGreaterThan(1);
      expect(seen.filter((n) => n.startsWith(prefix))).toEqual(names.sort());
    });

    it('updates the KMS key, and refuses to delete a database that has tables', async () => {
      const name = s.databaseName();
      await createDatabase(name);
      const { Database } = await s.write.send(
        new UpdateDatabaseCommand({ DatabaseName: name, KmsKeyId: 'alias/windtunnel' }),
      );
      expect(Database?.KmsKeyId).toBe('alias/windtunnel');
      await createTable(name, 'telemetry');
      await rejection(
        s.write.send(new DeleteDatabaseCommand({ DatabaseName: name })),
        ValidationException,
        400,
      );
      await s.write.send(new DeleteTableCommand({ DatabaseName: name, TableName: 'telemetry' }));
      await s.write.send(new DeleteDatabaseCommand({ DatabaseName: name }));
      await rejection(
        s.write.send(new DescribeDatabaseCommand({ DatabaseName: name })),
        ResourceNotFoundException,
        404,
      );
    });
  });

  describe('tables', () => {
    it('creates a table with the AWS defaults: 6 h memory, 73000 days magnetic, ACTIVE', async () => {
      const db = s.databaseName();
      await createDatabase(db);
      const { Table } = await createTable(db, 'telemetry');
      expect(Table).toMatchObject({
        Arn: `arn:aws:timestream:us-east-1:123456789012:database/${db}/table/telemetry`,
        TableName: 'telemetry',
        DatabaseName: db,
        TableStatus: 'ACTIVE',
        RetentionProperties: {
          MemoryStoreRetentionPeriodInHours: 6,
          MagneticStoreRetentionPeriodInDays: 73000,
        },
        MagneticStoreWriteProperties: { EnableMagneticStoreWrites: false },
        Schema: { CompositePartitionKey: [expect.objectContaining({ Type: 'MEASURE' })] },
      });
      const { Database } = await s.write.send(new DescribeDatabaseCommand({ DatabaseName: db }));
      expect(Database?.TableCount).toBe(1);
    });

    it('keeps the given retention, magnetic-store writes and schema', async () => {
      const db = s.databaseName();
      await createDatabase(db);
      const settings = {
        RetentionProperties: {
          MemoryStoreRetentionPeriodInHours: 12,
          MagneticStoreRetentionPeriodInDays: 5,
        },
        MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true },
        Schema: {
          CompositePartitionKey: [
            {
              Type: 'DIMENSION' as const,
              Name: 'turbine_id',
              EnforcementInRecord: 'REQUIRED' as const,
            },
          ],
        },
      };
      await s.write.send(
        new CreateTableCommand({ DatabaseName: db, TableName: 'tbl', ...settings }),
      );
      const { Table } = await s.write.send(
        new DescribeTableCommand({ DatabaseName: db, TableName: 'tbl' }),
      );
      expect(Table).toMatchObject(settings);
    });

    it('answers ResourceNotFoundException for a missing database or table, Conflict for a duplicate', async () => {
      await rejection(createTable('never_created', 'telemetry'), ResourceNotFoundException, 404);
      const db = s.databaseName();
      await createDatabase(db);
      await createTable(db, 'telemetry');
      await rejection(createTable(db, 'telemetry'), ConflictException, 409);
      const error = await rejection(
        s.write.send(new DescribeTableCommand({ DatabaseName: db, TableName: 'nope_table' })),
        ResourceNotFoundException,
        404,
      );
      expect(error.message).toBe('The table nope_table does not exist.');
    });

    it('lists the tables of a database in pages', async () => {
      const db = s.databaseName();
      await createDatabase(db);
      for (const t of ['tbl_b', 'tbl_a', 'tbl_c']) await createTable(db, t);
      const first = await s.write.send(new ListTablesCommand({ DatabaseName: db, MaxResults: 2 }));
      const second = await s.write.send(
        new ListTablesCommand({ DatabaseName: db, MaxResults: 2, NextToken: first.NextToken }),
      );
      expect([...first.Tables!, ...second.Tables!].map((t) => t.TableName)).toEqual([
        'tbl_a',
        'tbl_b',
        'tbl_c',
      ]);
      expect(second.NextToken).toBeUndefined();
      await rejection(
        s.write.send(new ListTablesCommand({ DatabaseName: 'never_created' })),
        ResourceNotFoundException,
        404,
      );
    });

    it('updates retention and moves LastUpdatedTime', async () => {
      const db = s.databaseName();
      await createDatabase(db);
      const { Table: created } = await createTable(db, 'telemetry');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const { Table } = await s.write.send(
        new UpdateTableCommand({
          DatabaseName: db,
          TableName: 'telemetry',
          RetentionProperties: {
            MemoryStoreRetentionPeriodInHours: 24,
            MagneticStoreRetentionPeriodInDays: 7,
          },
        }),
      );
      expect(Table?.RetentionProperties).toEqual({
        MemoryStoreRetentionPeriodInHours: 24,
        MagneticStoreRetentionPeriodInDays: 7,
      });
      expect(Table!.LastUpdatedTime!.getTime()).toBeGreaterThan(
        created!.LastUpdatedTime!.getTime(),
      );
    });

    it('deletes a table', async () => {
      const db = s.databaseName();
      await createDatabase(db);
      await createTable(db, 'telemetry');
      await s.write.send(new DeleteTableCommand({ DatabaseName: db, TableName: 'telemetry' }));
      await rejection(
        s.write.send(new DescribeTableCommand({ DatabaseName: db, TableName: 'telemetry' })),
        ResourceNotFoundException,
        404,
      );
      await rejection(
        s.write.send(new DeleteTableCommand({ DatabaseName: db, TableName: 'telemetry' })),
        ResourceNotFoundException,
        404,
      );
    });
  });

  describe('tags', () => {
    it('tags, lists and untags databases and tables by ARN', async () => {
      const db = s.databaseName();
      const { Database } = await createDatabase(db);
      const { Table } = await createTable(db, 'telemetry');
      for (const arn of [Database!.Arn!, Table!.Arn!]) {
        await s.write.send(
          new TagResourceCommand({
            ResourceARN: arn,
            Tags: [
              { Key: 'team', Value: 'wind' },
              { Key: 'env', Value: 'dev' },
            ],
          }),
        );
        await s.write.send(
          new TagResourceCommand({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'ci' }] }),
        );
        await s.write.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: ['team'] }));
        const { Tags } = await s.write.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
        expect(Tags).toEqual([{ Key: 'env', Value: 'ci' }]);
      }
    });

    it('keeps tags given at creation, and answers ResourceNotFoundException for an unknown ARN', async () => {
      const db = s.databaseName();
      const { Database } = await s.write.send(
        new CreateDatabaseCommand({ DatabaseName: db, Tags: [{ Key: 'owner', Value: 'ops' }] }),
      );
      const { Tags } = await s.write.send(
        new ListTagsForResourceCommand({ ResourceARN: Database!.Arn! }),
      );
      expect(Tags).toEqual([{ Key: 'owner', Value: 'ops' }]);
      await rejection(
        s.write.send(
          new ListTagsForResourceCommand({
            ResourceARN: 'arn:aws:timestream:us-east-1:123456789012:database/never_created',
          }),
        ),
        ResourceNotFoundException,
        404,
      );
    });
  });
});
