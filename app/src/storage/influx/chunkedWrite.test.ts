import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../TelemetryStore.js';
import { chunkedWrite } from './chunkedWrite.js';

/** The shape of node-influx's RequestError for InfluxDB's answer to a partly refused batch. */
function partialWrite(): Error {
  const body = '{"error":"partial write: field type conflict: input field \\"x\\" ... dropped=1"}';
  return Object.assign(new Error(`A 400 Bad Request error occurred: ${body}`), {
    res: { statusCode: 400 },
  });
}

/** A fake InfluxDB: refuses any batch holding a bad item, records every request. */
function fakeWrite(bad: Set<number>, failAfter = Infinity) {
  const requests: number[][] = [];
  const write = async (chunk: number[]) => {
    requests.push(chunk);
    if (requests.length > failAfter) throw new StoreUnavailableError('down');
    if (chunk.some((i) => bad.has(i))) throw partialWrite();
  };
  return { requests, write };
}

const items = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('chunkedWrite', () => {
  it('writes in chunks of the given size', async () => {
    const fake = fakeWrite(new Set());
    const outcome = await chunkedWrite(items(5), fake.write, 2);
    expect(fake.requests).toEqual([[0, 1], [2, 3], [4]]);
    expect(outcome).toEqual({ written: [0, 1, 2, 3, 4], refused: [], unwritten: [] });
  });

  it('splits a refused chunk until the refused points stand alone', async () => {
    const fake = fakeWrite(new Set([2, 5]));
    const outcome = await chunkedWrite(items(8), fake.write);
    expect(outcome.written.sort()).toEqual([0, 1, 3, 4, 6, 7]);
    expect(outcome.refused.map((r) => [r.item, r.code])).toEqual([
      [2, 'TypeConflict'],
      [5, 'TypeConflict'],
    ]);
    expect(outcome.refused[0]?.reason).toMatch(/^partial write: field type conflict/);
    expect(fake.requests.length).toBeLessThan(items(8).length + 4);
  });

  it('stops at unavailability and reports what was not written', async () => {
    const fake = fakeWrite(new Set(), 1);
    const outcome = await chunkedWrite(items(5), fake.write, 2);
    expect(outcome.written).toEqual([0, 1]);
    expect(outcome.unwritten).toEqual([2, 3, 4]);
    expect(outcome.unavailable).toBeInstanceOf(StoreUnavailableError);
  });

  it('passes other errors on', async () => {
    const write = () => Promise.reject(new Error('bug'));
    await expect(chunkedWrite(items(1), write)).rejects.toThrow('bug');
  });
});
