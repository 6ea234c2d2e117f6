import {
  CreateDatabaseCommand,
  CreateTableCommand,
  DeleteTableCommand,
  RejectedRecordsException,
  ResourceNotFoundException,
  ValidationException,
  WriteRecordsCommand,
  type _Record,
  type CreateTableCommandInput,
} from '@aws-sdk/client-timestream-write';
import { describe, expect, it } from 'vitest';
import { createTimestreamStore } from '../../app/src/storage/timestream/index.js';
import type { TableRef } from '../../app/src/storage/TelemetryStore.js';
import {
  credentials,
  describeOnEveryBackend,
  rejection,
  type ServerHandle,
} from '../fixtures/timestream-server/harness.js';

/**
 * WriteRecords through @aws-sdk/client-timestream-write v3 against the windtunnel server, on the
 * in-memory store and on InfluxDB; what was written is read back through the storage port.
 */
const HOUR = 3_600_000;
const ns = (ms: number) => BigInt(ms) * 1_000_000n;

function record(ms: number, value: string, extra: Partial<_Record> = {}): _Record {
  return {
    Dimensions: [{ Name: 'turbine_id', Value: 'NL-0001' }],
    MeasureName: 'power_kw',
    MeasureValue: value,
    MeasureValueType: 'DOUBLE',
    Time: String(ms),
    ...extra,
  };
}

async function newTable(
  s: ServerHandle,
  settings: Partial<CreateTableCommandInput> = {},
): Promise<TableRef> {
  const database = s.databaseName('write');
  await s.write.send(new CreateDatabaseCommand({ DatabaseName: database }));
  await s.write.send(
    new CreateTableCommand({ DatabaseName: database, TableName: 'telemetry', ...settings }),
  );
  return { database, table: 'telemetry' };
}

const write = (s: ServerHandle, ref: TableRef, Records: _Record[], common?: _Record) =>
  s.write.send(
    new WriteRecordsCommand({
      DatabaseName: ref.database,
      TableName: ref.table,
      Records,
      ...(common ? { CommonAttributes: common } : {}),
    }),
  );

const readAll = (s: ServerHandle, ref: TableRef) =>
  s.store.query(ref, { from: 0n, to: ns(Date.now() + HOUR) });

describeOnEveryBackend('Timestream WriteRecords', (s) => {
  it('merges CommonAttributes into each record and counts what was ingested', async () => {
    const ref = await newTable(s);
    const now = Date.now();
    const common: _Record = {
      Dimensions: [{ Name: 'site', Value: 'Noord' }],
      MeasureName: 'power_kw',
      MeasureValueType: 'DOUBLE',
      TimeUnit: 'MILLISECONDS',
    };
    const result = await write(
      s,
      ref,
      [
        {
          Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
          MeasureValue: '1.5',
          Time: String(now),
        },
        {
          Dimensions: [{ Name: 'turbine_id', Value: 'T2' }],
          MeasureValue: '2.5',
          Time: String(now),
        },
      ],
      common,
    );
    expect(result.RecordsIngested).toEqual({ Total: 2, MemoryStore: 2, MagneticStore: 0 });
    const stored = await readAll(s, ref);
    expect(stored.map((r) => r.dimensions)).toEqual([
      [
        { name: 'site', value: 'Noord' },
        { name: 'turbine_id', value: 'T1' },
      ],
      [
        { name: 'site', value: 'Noord' },
        { name: 'turbine_id', value: 'T2' },
      ],
    ]);
    expect(stored.every((r) => r.time === ns(now) && r.measureName === 'power_kw')).toBe(true);
  });

  it('writes MULTI records with every value type, TIMESTAMP read in the record TimeUnit', async () => {
    const ref = await newTable(s);
    const seconds = Math.floor(Date.now() / 1000);
    await write(s, ref, [
      {
        Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
        MeasureName: 'reading',
        MeasureValueType: 'MULTI',
        Time: String(seconds),
        TimeUnit: 'SECONDS',
        MeasureValues: [
          { Name: 'power_kw', Value: '1532.25', Type: 'DOUBLE' },
          { Name: 'rotor_rpm', Value: '14', Type: 'BIGINT' },
          { Name: 'status', Value: 'running', Type: 'VARCHAR' },
          { Name: 'curtailed', Value: 'false', Type: 'BOOLEAN' },
          { Name: 'sampled_at', Value: String(seconds - 60), Type: 'TIMESTAMP' },
        ],
      },
    ]);
    const [stored] = await readAll(s, ref);
    expect(stored?.time).toBe(BigInt(seconds) * 1_000_000_000n);
    expect(stored?.measure.kind).toBe('multi');
    const values = stored?.measure.kind === 'multi' ? stored.measure.values : [];
    expect(Object.fromEntries(values.map((v) => [v.name, [v.type, v.value]]))).toEqual({
      power_kw: ['DOUBLE', expect.stringMatching(/^1532\.25/) as string],
      rotor_rpm: ['BIGINT', '14'],
      status: ['VARCHAR', 'running'],
      curtailed: ['BOOLEAN', 'false'],
      sampled_at: ['TIMESTAMP', String(BigInt(seconds - 60) * 1_000_000_000n)],
    });
  });

  it('reads Time in every TimeUnit', async () => {
    const ref = await newTable(s);
    const ms = Date.now();
    const seconds = Math.floor(ms / 1000);
    await write(s, ref, [
      record(0, '1', { MeasureName: 's', Time: String(seconds), TimeUnit: 'SECONDS' }),
      record(0, '2', { MeasureName: 'ms', Time: String(ms), TimeUnit: 'MILLISECONDS' }),
      record(0, '3', { MeasureName: 'us', Time: `${ms}123`, TimeUnit: 'MICROSECONDS' }),
      record(0, '4', { MeasureName: 'ns', Time: `${ms}123456`, TimeUnit: 'NANOSECONDS' }),
    ]);
    const times = Object.fromEntries((await readAll(s, ref)).map((r) => [r.measureName, r.time]));
    expect(times).toEqual({
      s: BigInt(seconds) * 1_000_000_000n,
      ms: ns(ms),
      us: ns(ms) + 123_000n,
      ns: ns(ms) + 123_456n,
    });
  });

  it('accepts an identical re-write, rejects a changed value without a higher version, replaces with one', async () => {
    const ref = await newTable(s);
    const now = Date.now();
    await write(s, ref, [record(now, '10', { Version: 3 })]);
    expect((await write(s, ref, [record(now, '10', { Version: 3 })])).RecordsIngested?.Total).toBe(
      1,
    );
    const error = await rejection(
      write(s, ref, [record(now + 1, '1'), record(now, '11', { Version: 3 })]),
      RejectedRecordsException,
      419,
    );
    expect(error.message).toBe(
      'One or more records have been rejected. See RejectedRecords for details.',
    );
    expect(error.RejectedRecords).toEqual([
      {
        RecordIndex: 1,
        Reason: expect.stringContaining('higher version') as string,
        ExistingVersion: 3,
      },
    ]);
    await write(s, ref, [record(now, '12', { Version: 4 })]);
    const stored = await readAll(s, ref);
    expect(
      stored.map((r) => (r.measure.kind === 'single' ? Number(r.measure.value) : NaN)),
    ).toEqual([12, 1]);
  });

  it('rejects records outside the memory store and the future limit, and writes the others', async () => {
    const ref = await newTable(s);
    const now = Date.now();
    const error = await rejection(
      write(s, ref, [
        record(now - 7 * HOUR, '1'),
        record(now, '2'),
        record(now + 16 * 60_000, '3'),
      ]),
      RejectedRecordsException,
      419,
    );
    expect(error.RejectedRecords?.map((r) => r.RecordIndex)).toEqual([0, 2]);
    expect(error.RejectedRecords?.[0]?.Reason).toMatch(
      /^The record timestamp is outside the time range \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z, \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\) of the memory store\.$/,
    );
    expect((await readAll(s, ref)).map((r) => r.time)).toEqual([ns(now)]);
  });

  it('writes old records to the magnetic store when the table allows it, and counts them', async () => {
    const ref = await newTable(s, {
      RetentionProperties: {
        MemoryStoreRetentionPeriodInHours: 6,
        MagneticStoreRetentionPeriodInDays: 3,
      },
      MagneticStoreWriteProperties: { EnableMagneticStoreWrites: true },
    });
    const now = Date.now();
    const result = await write(s, ref, [record(now - 48 * HOUR, '1'), record(now, '2')]);
    expect(result.RecordsIngested).toEqual({ Total: 2, MemoryStore: 1, MagneticStore: 1 });
    const error = await rejection(
      write(s, ref, [record(now - 4 * 24 * HOUR, '3')]),
      RejectedRecordsException,
      419,
    );
    expect(error.RejectedRecords?.[0]?.Reason).toMatch(/of the data ingestion window\.$/);
  });

  it('refuses 101 records with a ValidationException and writes none', async () => {
    const ref = await newTable(s);
    const now = Date.now();
    const records = Array.from({ length: 101 }, (_, i) => record(now - i, '1'));
    const error = await rejection(write(s, ref, records), ValidationException, 400);
    expect(error.message).toBe(
      "1 validation error detected: Value at 'records' failed to satisfy constraint: " +
        'Member must have length less than or equal to 100',
    );
    expect(await readAll(s, ref)).toEqual([]);
    await expect(write(s, ref, records.slice(0, 100))).resolves.toMatchObject({
      RecordsIngested: { Total: 100 },
    });
  });

  it('answers ResourceNotFoundException for a missing or deleted table', async () => {
    const ref = await newTable(s);
    await s.write.send(
      new DeleteTableCommand({ DatabaseName: ref.database, TableName: ref.table }),
    );
    const error = await rejection(
      write(s, ref, [record(Date.now(), '1')]),
      ResourceNotFoundException,
      404,
    );
    expect(error.message).toBe('The table telemetry does not exist.');
  });

  describe("the app's TimestreamTelemetryStore pointed at the server", () => {
    it('writes through the Timestream adapter and reports rejections per record', async () => {
      const ref = await newTable(s);
      const store = createTimestreamStore({
        region: 'us-east-1',
        endpoint: s.server.url,
        credentials,
      });
      try {
        const now = ns(Date.now());
        const base = {
          dimensions: [{ name: 'turbine_id', value: 'T1' }],
          measureName: 'power_kw',
          version: 2n,
          measure: { kind: 'single', type: 'DOUBLE', value: '1.5' } as const,
        };
        const first = await store.write(ref, [{ ...base, time: now }]);
        expect(first).toEqual({ stored: [0], rejected: [] });
        const changed = { ...base, time: now, measure: { ...base.measure, value: '2.5' } };
        const second = await store.write(ref, [{ ...base, time: now + 1n }, changed]);
        expect(second.stored).toEqual([0]);
        expect(second.rejected).toEqual([
          expect.objectContaining({ index: 1, code: 'VersionConflict', existingVersion: 2n }),
        ]);
        expect((await readAll(s, ref)).map((r) => r.time)).toEqual([now, now + 1n]);
      } finally {
        await store.close();
      }
    });
  });
});
