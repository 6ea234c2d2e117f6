import { describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../../../../app/src/storage/memory/index.js';
import {
  StoreUnavailableError,
  type TelemetryStore,
  type WriteResult,
} from '../../../../app/src/storage/TelemetryStore.js';
import type { TelemetryRecord } from '../../../../app/src/telemetry/record.js';
import { InternalServerException } from '../protocol/errors.js';
import type { AcceptedRecord } from './prepare.js';
import { storeRecords } from './store.js';

const ref = { database: 'db', table: 'tbl' };

function accepted(index: number, value: string, version = 1n): AcceptedRecord {
  const record: TelemetryRecord = {
    dimensions: [{ name: 'turbine_id', value: 'T1' }],
    measureName: 'power',
    time: 1_700_000_000_000_000_000n,
    version,
    measure: { kind: 'single', type: 'DOUBLE', value },
  };
  return { index, record, store: 'memory' };
}

function storeAnswering(result: WriteResult | Error): TelemetryStore {
  const store = new InMemoryTelemetryStore();
  store.write = async () => {
    if (result instanceof Error) throw result;
    return result;
  };
  return store;
}

describe('storeRecords', () => {
  it('maps a version conflict to the request index with ExistingVersion', async () => {
    const store = new InMemoryTelemetryStore();
    await store.write(ref, [accepted(0, '10', 3n).record]);
    const outcome = await storeRecords(store, ref, [accepted(4, '1'), accepted(7, '11', 3n)]);
    expect(outcome.stored).toEqual([]);
    expect(outcome.rejected).toEqual([
      {
        RecordIndex: 4,
        Reason: expect.stringContaining('existing version 3') as string,
        ExistingVersion: 3,
      },
      {
        RecordIndex: 7,
        Reason: expect.stringContaining('existing version 3') as string,
        ExistingVersion: 3,
      },
    ]);
  });

  it('returns the stored records with their request indexes', async () => {
    const outcome = await storeRecords(new InMemoryTelemetryStore(), ref, [accepted(2, '1')]);
    expect(outcome.stored.map((a) => a.index)).toEqual([2]);
  });

  it('turns an unavailable store into a retryable InternalServerException', async () => {
    const down = storeAnswering(new StoreUnavailableError('InfluxDB is down'));
    await expect(storeRecords(down, ref, [accepted(0, '1')])).rejects.toThrow(
      InternalServerException,
    );
    const partly = storeAnswering({
      stored: [0],
      rejected: [{ index: 1, code: 'StoreUnavailable', reason: 'InfluxDB became unavailable' }],
    });
    await expect(storeRecords(partly, ref, [accepted(0, '1'), accepted(1, '2')])).rejects.toThrow(
      /InfluxDB became unavailable/,
    );
  });

  it('does not call the store without records', async () => {
    const store = storeAnswering(new Error('must not be called'));
    expect(await storeRecords(store, ref, [])).toEqual({ stored: [], rejected: [] });
  });
});
