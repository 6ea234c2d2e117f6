import type { Datum, QueryResponse } from '@aws-sdk/client-timestream-query';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimestreamTelemetryStore } from '../../app/src/storage/timestream/index.js';
import {
  FakeTimestreamServer,
  fixture,
  type RecordedRequest,
  type ScriptedResponse,
} from '../fixtures/timestream/fakeTimestreamServer.js';
import { T0 } from '../fixtures/timestream/records.js';
import { storeOnFake, table } from '../fixtures/timestream/storeOnFake.js';

/**
 * `aggregate()` of the Timestream adapter through the real SDK client, against scripted Query
 * responses: what the emulator-backed contract cannot show (several pages, exponent-form doubles,
 * a schema that is out of date). The SELECT pages are scripted in the structure of the recorded
 * ones (test/fixtures/timestream/README.md); the DESCRIBE is the scripted turbines table.
 */
const MIN = 60_000_000_000n;
const range = { from: T0, to: T0 + 60n * MIN };

const describeTurbines = fixture<QueryResponse>('query.describe.turbines.json');
/** The same table once `power_kw` is gone from it (the emulator forgets expired columns). */
const describeWithoutPower: QueryResponse = {
  ...describeTurbines,
  Rows: describeTurbines.Rows?.filter((r) => r.Data?.[0]?.ScalarValue !== 'power_kw'),
};

const s = (value: string): Datum => ({ ScalarValue: value });
const NULL: Datum = { NullValue: true };

function page(rows: Datum[][], nextToken?: string): ScriptedResponse {
  return {
    body: {
      QueryId: 'AggregateTurbines',
      Rows: rows.map((Data) => ({ Data })),
      ColumnInfo: [],
      ...(nextToken ? { NextToken: nextToken } : {}),
    },
  };
}

let fake: FakeTimestreamServer;
let store: TimestreamTelemetryStore;

beforeEach(async () => {
  fake = await FakeTimestreamServer.start();
  store = storeOnFake(fake);
});

afterEach(async () => {
  await store.close();
  await fake.close();
});

/** DESCRIBE answers from `describes` in turn (the last repeats), SELECTs from `selects`. */
function script(selects: ScriptedResponse[], describes: QueryResponse[] = [describeTurbines]) {
  const next = <T>(queue: T[]): T => (queue.length > 1 ? queue.shift() : queue[0]) as T;
  fake.on('Query', (request: RecordedRequest) =>
    String(request.body.QueryString).startsWith('DESCRIBE')
      ? { body: next(describes) }
      : next(selects),
  );
}

const queryStrings = () => fake.requestsFor('Query').map((r) => String(r.body.QueryString));

describe('TimestreamTelemetryStore.aggregate', () => {
  it('follows NextToken and reads bins, groups, statistics and NULLs into ordered rows', async () => {
    script([
      page(
        [
          [
            s('2023-11-14 22:20:00.000000000'),
            s('B'),
            s('1'),
            s('1'),
            s('4.294967167E7'),
            s('4.294967167E7'),
            s('4.294967167E7'),
          ],
        ],
        'page2',
      ),
      page([
        [s('2023-11-14 22:10:00.000000000'), NULL, s('2'), s('0'), NULL, NULL, NULL],
        [
          s('2023-11-14 22:10:00.000000000'),
          s('A'),
          s('3'),
          s('2'),
          s('1.5'),
          s('0.25'),
          s('1.25'),
        ],
      ]),
    ]);

    const rows = await store.aggregate(table, {
      ...range,
      bin: 10n * MIN,
      groupBy: ['turbine_id'],
      measures: ['power_kw'],
    });

    const selects = fake.requestsFor('Query').filter((r) => r.body.NextToken !== undefined);
    expect(selects.map((r) => r.body.NextToken)).toEqual(['page2']);
    const at2210 = 1_699_999_800_000_000_000n; // T0 is 22:13:20
    expect(rows).toEqual([
      {
        bin: at2210,
        group: { turbine_id: null },
        records: 2,
        measures: { power_kw: { count: 0, sum: null, min: null, max: null } },
        distinct: {},
      },
      {
        bin: at2210,
        group: { turbine_id: 'A' },
        records: 3,
        measures: { power_kw: { count: 2, sum: 1.5, min: 0.25, max: 1.25 } },
        distinct: {},
      },
      {
        bin: at2210 + 10n * MIN,
        group: { turbine_id: 'B' },
        records: 1,
        measures: { power_kw: { count: 1, sum: 42949671.67, min: 42949671.67, max: 42949671.67 } },
        distinct: {},
      },
    ]);
  });

  it('reloads the schema and runs once more when Timestream says a column does not exist', async () => {
    const unknownColumn: ScriptedResponse = {
      status: 400,
      body: {
        __type: 'com.amazonaws.timestream.v20181101#ValidationException',
        Message: "line 1:40: Column 'power_kw' does not exist",
      },
    };
    script([unknownColumn, page([[s('3')]])], [describeTurbines, describeWithoutPower]);

    const rows = await store.aggregate(table, { ...range, measures: ['power_kw'] });

    expect(rows).toEqual([
      {
        group: {},
        records: 3,
        measures: { power_kw: { count: 0, sum: null, min: null, max: null } },
        distinct: {},
      },
    ]);
    expect(queryStrings()).toEqual([
      'DESCRIBE "windtunnel"."telemetry"',
      expect.stringMatching(/^SELECT count\(\*\), count\("power_kw"\), sum/),
      'DESCRIBE "windtunnel"."telemetry"',
      expect.stringMatching(/^SELECT count\(\*\) FROM /),
    ]);
  });

  it('names no column the table lacks, after one fresh DESCRIBE to be sure', async () => {
    script([page([[s('1'), s('1')]])]);

    await store.aggregate(table, { ...range });
    const rows = await store.aggregate(table, {
      ...range,
      groupBy: ['site'],
      measures: ['ghost'],
      distinct: ['project', 'site'],
    });

    expect(rows).toEqual([
      {
        group: { site: null },
        records: 1,
        measures: { ghost: { count: 0, sum: null, min: null, max: null } },
        distinct: { project: 1, site: 0 },
      },
    ]);
    expect(queryStrings()).toEqual([
      'DESCRIBE "windtunnel"."telemetry"',
      expect.stringMatching(/^SELECT count\(\*\) FROM /),
      'DESCRIBE "windtunnel"."telemetry"',
      expect.stringMatching(/^SELECT count\(\*\), count\(DISTINCT "project"\) FROM /),
    ]);
  });

  it('answers no row for the count 0 that SQL gives over no records without GROUP BY', async () => {
    script([page([[s('0')]])]);

    await expect(store.aggregate(table, range)).resolves.toEqual([]);
  });

  it('sends nothing for an empty range or an empty list of measure names', async () => {
    await expect(store.aggregate(table, { from: T0, to: T0 })).resolves.toEqual([]);
    await expect(store.aggregate(table, { ...range, measureNames: [] })).resolves.toEqual([]);
    expect(fake.requestsFor('Query')).toEqual([]);
  });
});
