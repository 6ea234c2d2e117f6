import {
  QueryCommand,
  CancelQueryCommand,
  DescribeEndpointsCommand as DescribeQueryEndpointsCommand,
  TimestreamQueryServiceException,
  ValidationException as QueryValidationException,
} from '@aws-sdk/client-timestream-query';
import {
  CreateBatchLoadTaskCommand,
  CreateDatabaseCommand,
  CreateTableCommand,
  DescribeEndpointsCommand,
  InternalServerException,
  ListDatabasesCommand,
  TimestreamWriteClient,
  TimestreamWriteServiceException,
  WriteRecordsCommand,
} from '@aws-sdk/client-timestream-write';
import { describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../../app/src/storage/memory/index.js';
import { StoreUnavailableError } from '../../app/src/storage/TelemetryStore.js';
import { ValidationException } from '../../emulator/src/timestream/protocol/errors.js';
import type { QueryContext } from '../../emulator/src/timestream/operations/queryApi.js';
import {
  BACKENDS,
  credentials,
  rejection,
  useTimestreamServer,
} from '../fixtures/timestream-server/harness.js';

/**
 * The wire protocol around the operations: targets, errors, limits, endpoint discovery, and the
 * seam to the Query API engine (here a stand-in engine, so these tests do not depend on it).
 */
const memory = BACKENDS[0]!;

const queryCalls: { input: unknown; context: QueryContext }[] = [];
const standInEngine = {
  handleQuery: async (input: { QueryString?: string }, context: QueryContext) => {
    queryCalls.push({ input, context });
    if (input.QueryString === 'SELECT nonsense') throw new ValidationException('line 1:8: nope');
    return { QueryId: 'q1', Rows: [], ColumnInfo: [] };
  },
};

describe('Timestream server protocol', () => {
  const s = useTimestreamServer(memory, {
    maxBodyBytes: 64 * 1024,
    loadQueryEngine: async () => standInEngine,
  });

  const post = (target: string | undefined, body: string, method = 'POST') =>
    fetch(s.server.url, {
      method,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        ...(target ? { 'x-amz-target': target } : {}),
      },
      ...(method === 'POST' ? { body } : {}),
    });

  it('answers an operation it does not implement with an error naming it, never a 200', async () => {
    const error = await rejection(
      s.write.send(
        new CreateBatchLoadTaskCommand({
          DataSourceConfiguration: {
            DataSourceS3Configuration: { BucketName: 'bucket' },
            DataFormat: 'CSV',
          },
          ReportConfiguration: {},
          TargetDatabaseName: 'db1',
          TargetTableName: 'tbl',
        }),
      ),
      TimestreamWriteServiceException,
      404,
      'UnknownOperationException',
    );
    expect(error.message).toContain('CreateBatchLoadTask');
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const raw = await post('Timestream_20181101.Bogus', '{}');
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      Message: "Bogus is not supported by windtunnel's Timestream emulator.",
    });
  });

  it('refuses requests that are not AWS JSON calls', async () => {
    expect((await post(undefined, '{}')).status).toBe(404);
    expect((await post(undefined, '', 'GET')).status).toBe(404);
    const malformed = await post('Timestream_20181101.ListDatabases', '{"MaxResults": ');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await post(
      'Timestream_20181101.ListDatabases',
      JSON.stringify({ NextToken: 'x'.repeat(65 * 1024) }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { __type: string }).__type).toMatch(
      /#RequestEntityTooLargeException$/,
    );
  });

  it('answers DescribeEndpoints on both APIs with the host the client reached', async () => {
    const expected = [{ Address: '127.0.0.1', CachePeriodInMinutes: 1440 }];
    expect((await s.write.send(new DescribeEndpointsCommand({}))).Endpoints).toEqual(expected);
    expect((await s.query.send(new DescribeQueryEndpointsCommand({}))).Endpoints).toEqual(expected);
  });

  it('serves a JS client configured only by AWS_ENDPOINT_URL_TIMESTREAM_WRITE, which discovers first', async () => {
    // Such a client is not a "custom endpoint" to the SDK, so it runs endpoint discovery
    // (research §4.3, "inferred, untested"; this test is the check).
    const previous = process.env.AWS_ENDPOINT_URL_TIMESTREAM_WRITE;
    process.env.AWS_ENDPOINT_URL_TIMESTREAM_WRITE = s.server.url;
    const client = new TimestreamWriteClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
    const sent: string[] = [];
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    try {
      const { Databases } = await client.send(new ListDatabasesCommand({}));
      expect(Array.isArray(Databases)).toBe(true);
      expect(sent).toEqual(['DescribeEndpointsCommand', 'ListDatabasesCommand']);
    } finally {
      client.destroy();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_TIMESTREAM_WRITE;
      else process.env.AWS_ENDPOINT_URL_TIMESTREAM_WRITE = previous;
    }
  });

  it('writes ARNs in the region the request was signed for', async () => {
    const client = new TimestreamWriteClient({
      endpoint: s.server.url,
      region: 'eu-west-1',
      credentials,
    });
    try {
      const name = s.databaseName();
      const { Database } = await client.send(new CreateDatabaseCommand({ DatabaseName: name }));
      expect(Database?.Arn).toBe(`arn:aws:timestream:eu-west-1:123456789012:database/${name}`);
    } finally {
      client.destroy();
    }
  });

  describe('Query API seam', () => {
    it('hands Query to the engine with the store, the catalog and the clock', async () => {
      const db = s.databaseName();
      await s.write.send(new CreateDatabaseCommand({ DatabaseName: db }));
      await s.write.send(new CreateTableCommand({ DatabaseName: db, TableName: 'telemetry' }));
      const result = await s.query.send(new QueryCommand({ QueryString: 'SELECT 1' }));
      expect(result.QueryId).toBe('q1');
      const call = queryCalls.at(-1)!;
      expect(call.input).toMatchObject({ QueryString: 'SELECT 1' });
      expect(call.context.store).toBe(s.store);
      expect(await call.context.catalog.listTables(db)).toEqual(['telemetry']);
      expect(Math.abs(call.context.now() - Date.now())).toBeLessThan(1000);
    });

    it("serializes the engine's errors as the SDK's typed exceptions", async () => {
      const error = await rejection(
        s.query.send(new QueryCommand({ QueryString: 'SELECT nonsense' })),
        QueryValidationException,
        400,
      );
      expect(error.message).toBe('line 1:8: nope');
    });

    it('answers an explicit error for an operation the engine does not export', async () => {
      const error = await rejection(
        s.query.send(new CancelQueryCommand({ QueryId: 'q1' })),
        TimestreamQueryServiceException,
        404,
        'UnknownOperationException',
      );
      expect(error.message).toContain('CancelQuery');
    });
  });
});

describe('Timestream server without a loadable query engine', () => {
  const s = useTimestreamServer(memory, {
    loadQueryEngine: () => Promise.reject(new Error('Cannot find module')),
  });

  it('answers Query with an explicit "not available" error', async () => {
    const error = await rejection(
      s.query.send(new QueryCommand({ QueryString: 'SELECT 1' })),
      TimestreamQueryServiceException,
      404,
      'UnknownOperationException',
    );
    expect(error.message).toBe(
      "Query is not available: windtunnel's Timestream query engine could not be loaded.",
    );
  });
});

describe('Timestream server whose storage is down', () => {
  const broken = new InMemoryTelemetryStore();
  broken.write = () =>
    Promise.reject(new StoreUnavailableError('connect ECONNREFUSED 127.0.0.1:8086'));
  const logged: string[] = [];
  const s = useTimestreamServer(
    { ...memory, makeStore: () => broken },
    { log: (line) => logged.push(line) },
  );

  it('answers WriteRecords with a retryable InternalServerException (500)', async () => {
    const db = s.databaseName();
    await s.write.send(new CreateDatabaseCommand({ DatabaseName: db }));
    await s.write.send(new CreateTableCommand({ DatabaseName: db, TableName: 'telemetry' }));
    const error = await rejection(
      s.write.send(
        new WriteRecordsCommand({
          DatabaseName: db,
          TableName: 'telemetry',
          Records: [
            {
              Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
              MeasureName: 'power_kw',
              MeasureValue: '1',
              Time: String(Date.now()),
            },
          ],
        }),
      ),
      InternalServerException,
      500,
    );
    expect(error.message).toContain('ECONNREFUSED');
    expect(logged).toEqual([
      expect.stringContaining(`${error.$metadata.requestId} WriteRecords failed`),
    ]);
  });
});
