import { describe, expect, it, vi } from 'vitest';
import { SchemaCache, schemaEntries, type MeasurementSchema } from './schema.js';

const table = { database: 'db', table: 't' };
const schemaWith = (...fields: string[]): MeasurementSchema => ({
  fields: new Map(fields.map((f) => [f, ['float']])),
  tags: new Set(['measure_name']),
});
const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
};

describe('SchemaCache (InfluxDB)', () => {
  it('lets caches on the same entries share one read, and then its result', async () => {
    const read = deferred<MeasurementSchema>();
    const load = vi.fn(() => read.promise);
    const entries = schemaEntries();
    const [a, b] = [new SchemaCache(load, entries), new SchemaCache(load, entries)];
    const both = Promise.all([a.get(table), b.get(table)]);
    read.resolve(schemaWith('power'));
    const [first, second] = await both;
    expect(first).toBe(second);
    expect(await new SchemaCache(load, entries).get(table)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps the newer read when an older one answers after it', async () => {
    const reads = [deferred<MeasurementSchema>(), deferred<MeasurementSchema>()];
    let n = 0;
    const cache = new SchemaCache(() => reads[n++]!.promise);
    const older = cache.get(table);
    await new Promise((r) => setTimeout(r, 5));
    const newer = cache.get(table, true);
    reads[1]!.resolve(schemaWith('power', 'wind'));
    await newer;
    reads[0]!.resolve(schemaWith('power'));
    await older;
    expect([...(await cache.get(table))!.fields.keys()]).toEqual(['power', 'wind']);
    expect(n).toBe(2);
  });
});
