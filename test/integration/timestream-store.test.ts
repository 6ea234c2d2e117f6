import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import { TimestreamWriteClient } from '@aws-sdk/client-timestream-write';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTimestreamStore,
  TimestreamTelemetryStore,
  type TimestreamStoreOptions,
} from '../../app/src/storage/timestream/index.js';
import {
  StorageError,
  StoreUnavailableError,
  TableNotFoundError,
} from '../../app/src/storage/TelemetryStore.js';
import {
  FakeTimestreamServer,
  fixture,
  type RecordedRequest,
  type ScriptedResponse,
} from '../fixtures/timestream/fakeTimestreamServer.js';
import { firstIndex, range, record, records, T0 } from '../fixtures/timestream/records.js';
import { credentials, storeOnFake, table } from '../fixtures/timestream/storeOnFake.js';

/**
 * The real AWS SDK v3 clients against recorded Timestream responses (test/fixtures/timestream),
 * served by a fake AWS JSON 1.0 server. No AWS account, no InfluxDB.
 */

const ok: ScriptedResponse = { body: fixture('write-records.ok.json') };
const throttled: ScriptedResponse = { status: 429, body: fixture('throttling.json') };
const serverError: ScriptedResponse = { status: 500, body: fixture('internal-server-error.json') };

let fake: FakeTimestreamServer;
let delays: number[];
let store: TimestreamTelemetryStore;

function makeStore(options: Partial<TimestreamStoreOptions> = {}): TimestreamTelemetryStore {
  return storeOnFake(fake, {
    retry: { sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
    ...options,
  });
}

beforeEach(async () => {
  fake = await FakeTimestreamServer.start();
  delays = [];
  store = makeStore();
});

afterEach(async () => {
  await store.close();
  await fake.close();
});

describe('TimestreamTelemetryStore.write', () => {
  it('sends each record in exactly the WriteRecords shape', async () => {
    fake.on('WriteRecords', [ok]);
    const multi = record(1, {
      version: 7n,
      measureName: 'reading',
      measure: {
        kind: 'multi',
        values: [
          { name: 'power_kw', type: 'DOUBLE', value: '1532.25' },
          { name: 'sampled_at', type: 'TIMESTAMP', value: '1700000000000000000' },
        ],
      },
    });

    const result = await store.write(table, [record(0), multi]);

    expect(result).toEqual({ stored: [0, 1], rejected: [] });
    const [request] = fake.requestsFor('WriteRecords');
    expect(request?.body).toEqual({
      DatabaseName: 'windtunnel',
      TableName: 'telemetry',
      Records: [
        {
          Dimensions: [
            { Name: 'project', Value: 'Windpark Noord' },
            { Name: 'turbine_id', Value: 'NL-0000' },
          ],
          MeasureName: 'power',
          MeasureValue: '0.5',
          MeasureValueType: 'DOUBLE',
          Time: '1700000000000000000',
          TimeUnit: 'NANOSECONDS',
          Version: 1,
        },
        {
          Dimensions: [
            { Name: 'project', Value: 'Windpark Noord' },
            { Name: 'turbine_id', Value: 'NL-0001' },
          ],
          MeasureName: 'reading',
          MeasureValueType: 'MULTI',
          MeasureValues: [
            { Name: 'power_kw', Value: '1532.25', Type: 'DOUBLE' },
            { Name: 'sampled_at', Value: '1700000000000000000', Type: 'TIMESTAMP' },
          ],
          Time: '1700000000000000001',
          TimeUnit: 'NANOSECONDS',
          Version: 7,
        },
      ],
    });
  });

  it('splits 250 records into WriteRecords calls of 100, 100 and 50', async () => {
    fake.on('WriteRecords', [ok]);

    const result = await store.write(table, records(250));

    const sizes = fake.requestsFor('WriteRecords').map((r) => (r.body.Records as []).length);
    expect(sizes.sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(result).toEqual({ stored: range(0, 250), rejected: [] });
  });

  it('keeps at most `concurrency` chunks in flight', async () => {
    await store.close();
    store = makeStore({ concurrency: 2 });
    fake.on('WriteRecords', [{ ...ok, delayMs: 40 }]);

    await store.write(table, records(600));

    expect(fake.requestsFor('WriteRecords')).toHaveLength(6);
    expect(fake.maxInFlight).toBe(2);
  });

  it("maps RejectedRecordsException of the second chunk to the caller's indexes", async () => {
    fake.on('WriteRecords', (request) =>
      firstIndex(request) === 100 ? { status: 419, body: fixture('rejected-records.json') } : ok,
    );

    const result = await store.write(table, records(250));

    expect(result.rejected).toEqual([
      {
        index: 103,
        code: 'VersionConflict',
        reason:
          'The record version 2 is lower than the existing version 200. ' +
          'A higher version is required to update the measure value.',
        existingVersion: 200n,
      },
      {
        index: 107,
        code: 'OutOfRetention',
        reason: expect.stringContaining('outside the time range'),
      },
    ]);
    expect(result.stored).toEqual(range(0, 250).filter((i) => i !== 103 && i !== 107));
  });

  it('retries ThrottlingException with jittered exponential backoff, then succeeds', async () => {
    fake.on('WriteRecords', [throttled, throttled, ok]);

    const result = await store.write(table, records(3));

    expect(result).toEqual({ stored: [0, 1, 2], rejected: [] });
    expect(fake.requestsFor('WriteRecords')).toHaveLength(3);
    // random() = 0.5 of 100 ms, then of 200 ms.
    expect(delays).toEqual([50, 100]);
  });

  it('rejects a chunk that stays unavailable with StoreUnavailable and keeps the rest', async () => {
    fake.on('WriteRecords', (request) => (firstIndex(request) === 100 ? serverError : ok));

    const result = await store.write(table, records(150));

    expect(result.stored).toEqual(range(0, 100));
    expect(result.rejected).toHaveLength(50);
    expect(result.rejected[0]).toEqual({
      index: 100,
      code: 'StoreUnavailable',
      reason: expect.stringContaining('InternalServerException'),
    });
    const attempts = fake.requestsFor('WriteRecords').filter((r) => firstIndex(r) === 100);
    expect(attempts).toHaveLength(5);
    expect(delays).toEqual([50, 100, 200, 400]);
  });

  it('throws StoreUnavailableError when a persistent 500 means nothing was stored', async () => {
    fake.on('WriteRecords', [serverError]);

    await expect(store.write(table, records(3))).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(fake.requestsFor('WriteRecords')).toHaveLength(5);
  });

  it('throws StoreUnavailableError when the connection is refused', async () => {
    await fake.close();

    const write = store.write(table, records(3));

    await expect(write).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(write).rejects.toThrow(/ECONNREFUSED/);
    expect(delays).toHaveLength(4);
    fake = await FakeTimestreamServer.start(); // for afterEach
  });

  it('rejects the records of a chunk refused by ValidationException as InvalidRecord', async () => {
    fake.on('WriteRecords', (request) =>
      firstIndex(request) === 0 ? { status: 400, body: fixture('validation.write.json') } : ok,
    );

    const result = await store.write(table, records(101));

    expect(result.stored).toEqual([100]);
    expect(result.rejected).toHaveLength(100);
    expect(result.rejected[99]).toEqual({
      index: 99,
      code: 'InvalidRecord',
      reason: expect.stringContaining('failed to satisfy constraint'),
    });
    expect(fake.requestsFor('WriteRecords')).toHaveLength(2);
  });

  it('throws TableNotFoundError on ResourceNotFoundException', async () => {
    fake.on('WriteRecords', [{ status: 404, body: fixture('resource-not-found.json') }]);

    const write = store.write(table, records(1));

    await expect(write).rejects.toBeInstanceOf(TableNotFoundError);
    await expect(write).rejects.toThrow('The table unknown does not exist.');
  });

  it('throws a plain StorageError on AccessDeniedException, without retrying', async () => {
    fake.on('WriteRecords', [{ status: 403, body: fixture('access-denied.json') }]);

    const write = store.write(table, records(1));

    await expect(write).rejects.toThrow(StorageError);
    await expect(write).rejects.not.toBeInstanceOf(StoreUnavailableError);
    expect(fake.requestsFor('WriteRecords')).toHaveLength(1);
  });

  it('rejects a version above Number.MAX_SAFE_INTEGER without sending it', async () => {
    fake.on('WriteRecords', [ok]);
    const huge = record(1, { version: 2n ** 60n });

    const result = await store.write(table, [record(0), huge]);

    expect(result.stored).toEqual([0]);
    expect(result.rejected).toEqual([expect.objectContaining({ index: 1, code: 'InvalidRecord' })]);
    expect((fake.requests[0]?.body.Records as []).length).toBe(1);
  });
});

describe('TimestreamTelemetryStore.query', () => {
  const describeTurbines: ScriptedResponse = { body: fixture('query.describe.turbines.json') };
  const page1: ScriptedResponse = { body: fixture('query.select.turbines.page1.json') };
  const page2: ScriptedResponse = { body: fixture('query.select.turbines.page2.json') };
  const queryScript = (select: ScriptedResponse[]) => {
    const selects = [...select];
    return (request: RecordedRequest): ScriptedResponse =>
      String(request.body.QueryString).startsWith('DESCRIBE')
        ? describeTurbines
        : selects.length > 1
          ? selects.shift()!
          : selects[0]!;
  };
  const queryStrings = () => fake.requestsFor('Query').map((r) => r.body.QueryString);

  it('follows NextToken and parses rows with the table schema', async () => {
    fake.on('Query', queryScript([page1, page2]));

    const got = await store.query(table, { from: T0, to: T0 + 10_000_000_000n });

    const selects = fake
      .requestsFor('Query')
      .filter((r) => r.body.QueryString !== 'DESCRIBE "windtunnel"."telemetry"');
    expect(selects.map((r) => r.body.NextToken)).toEqual([undefined, 'AYABeNextTokenPage2']);
    expect(selects[1]?.body.QueryString).toBe(selects[0]?.body.QueryString);
    expect(got.map((r) => [r.measureName, r.time, r.version])).toEqual([
      ['wind_speed', T0 + 1_000_000_001n, 1n],
      ['reading', T0 + 2_500_000_000n, 1n],
      ['label', T0 + 3_000_000_000n, 1n],
    ]);
    expect(got[2]?.measure).toEqual({
      kind: 'single',
      type: 'VARCHAR',
      value: 'it\'s "quoted"\nline',
    });
    expect(got[1]?.measure.kind).toBe('multi');
  });

  it('escapes hostile dimension values and measure names in the SQL it sends', async () => {
    fake.on('Query', queryScript([page2]));
    const hostile = `it's "x" back\\slash\nnew 🌬️ 風力`;

    await store.query(table, {
      from: T0,
      to: T0 + 1n,
      dimensions: { turbine_id: hostile, project: "Windpark 'Noord'" },
      measureNames: ["m' OR '1'='1"],
      limit: 5,
    });

    expect(queryStrings()).toEqual([
      'DESCRIBE "windtunnel"."telemetry"',
      'SELECT * FROM "windtunnel"."telemetry" WHERE ' +
        "time >= TIMESTAMP '2023-11-14 22:13:20.000000000' AND " +
        "time < TIMESTAMP '2023-11-14 22:13:20.000000001' AND " +
        `"project" = 'Windpark ''Noord''' AND ` +
        `"turbine_id" = 'it''s "x" back\\slash\nnew 🌬️ 風力' AND ` +
        "measure_name IN ('m'' OR ''1''=''1') ORDER BY time ASC LIMIT 5",
    ]);
  });

  it('caches the schema per table', async () => {
    fake.on('Query', queryScript([page2]));

    await store.query(table, { from: T0, to: T0 + 1n });
    await store.query(table, { from: T0, to: T0 + 2n });

    expect(queryStrings().filter((q) => String(q).startsWith('DESCRIBE'))).toHaveLength(1);
  });

  it('answers [] without a SELECT when a filtered dimension is not in the table', async () => {
    fake.on('Query', queryScript([page1]));

    const got = await store.query(table, { from: T0, to: T0 + 1n, dimensions: { nope: 'x' } });

    expect(got).toEqual([]);
    // One DESCRIBE, one refresh in case the column appeared since, no SELECT.
    expect(queryStrings()).toEqual([
      'DESCRIBE "windtunnel"."telemetry"',
      'DESCRIBE "windtunnel"."telemetry"',
    ]);
  });

  it('reads an unknown database as empty', async () => {
    fake.on('Query', [{ status: 400, body: fixture('query.database-not-found.json') }]);

    await expect(
      store.query({ database: 'abc', table: 'sampleDB' }, { from: 0n, to: T0 }),
    ).resolves.toEqual([]);
  });

  it('retries a throttled Query', async () => {
    const script = queryScript([page2]);
    let calls = 0;
    fake.on('Query', (request) => (++calls === 1 ? throttled : script(request)));

    const got = await store.query(table, { from: T0, to: T0 + 1n });

    expect(got).toHaveLength(1);
    expect(delays).toEqual([50]);
  });

  it('throws StoreUnavailableError when the connection is refused', async () => {
    await fake.close();

    await expect(store.query(table, { from: T0, to: T0 + 1n })).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    fake = await FakeTimestreamServer.start();
  });
});

describe('TimestreamTelemetryStore.ping', () => {
  it('lists at most one database', async () => {
    fake.on('ListDatabases', [{ body: fixture('list-databases.empty.json') }]);

    await expect(store.ping()).resolves.toBeUndefined();
    expect(fake.requestsFor('ListDatabases')[0]?.body).toEqual({ MaxResults: 1 });
  });

  it('throws StoreUnavailableError when the endpoint does not answer', async () => {
    await fake.close();

    await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
    fake = await FakeTimestreamServer.start();
  });
});

describe('createTimestreamStore from config', () => {
  it('talks to a custom endpoint without endpoint discovery, and does not double retries', async () => {
    await store.close();
    store = createTimestreamStore({
      region: 'us-east-1',
      endpoint: fake.url,
      credentials,
      maxAttempts: 2,
      retry: { sleep: async () => {} },
    });
    fake.on('WriteRecords', [serverError]);
    fake.on('ListDatabases', [{ body: fixture('list-databases.empty.json') }]);

    await store.ping();
    await expect(store.write(table, records(1))).rejects.toBeInstanceOf(StoreUnavailableError);

    expect(fake.requestsFor('DescribeEndpoints')).toHaveLength(0);
    // Ours: 2 attempts. Had the SDK kept its default 3, the server would see 6.
    expect(fake.requestsFor('WriteRecords')).toHaveLength(2);
  });

  it('refuses ready clients together with a config', () => {
    const client = new TimestreamWriteClient({ region: 'us-east-1' });
    const options = {
      writeClient: client,
      queryClient: new TimestreamQueryClient({ region: 'us-east-1' }),
      region: 'us-east-1',
    } as unknown as TimestreamStoreOptions;

    expect(() => new TimestreamTelemetryStore(options)).toThrow(TypeError);
  });
});
