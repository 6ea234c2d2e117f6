import { describe, expect, it } from 'vitest';
import type {
  AggregateQuery,
  AggregateRow,
  MeasureStats,
} from '../../app/src/storage/TelemetryStore.js';
import type { TelemetryRecord } from '../../app/src/telemetry/record.js';
import { HOSTILE } from './hostile.js';
import { double, multi, reading, rec, UNKNOWN } from './records.js';
import type { SectionContext } from './telemetryStore.contract.js';

const SEC = 1_000_000_000n;
const MIN = 60n * SEC;

/**
 * `aggregate()`: every backend must give these exact rows. Values are multiples of 0.25, so sums
 * are exact in binary floating point whatever order a database adds them in.
 */
export function describeAggregateContract({ subject, fresh, at }: SectionContext): void {
  const write = async (records: TelemetryRecord[]) => {
    const s = subject();
    expect((await s.store.write(s.table, records)).rejected).toEqual([]);
  };
  const aggregate = (query: AggregateQuery) => subject().store.aggregate(subject().table, query);
  const window = () => ({ from: at(0), to: at(1000) });

  describe('aggregate', () => {
    it('bins by multiples of the width since the epoch, within [from, to)', async () => {
      fresh();
      const b = binOf(at(300), MIN);
      const from = b - MIN + 13n * SEC; // inside the bin before b, not on a bin boundary
      const to = b + MIN + 30n * SEC;
      await write([
        reading(from - 1n, 100),
        reading(from, 1.5),
        reading(b - 1n, 2.25),
        reading(b, -0.5),
        reading(b + MIN - 1n, 4),
        reading(to - 1n, 0.75),
        reading(to, 100),
      ]);
      expect(await aggregate({ from, to, bin: MIN, measures: ['power_kw'] })).toEqual([
        row({ bin: b - MIN, records: 2, measures: { power_kw: stats(1.5, 2.25) } }),
        row({ bin: b, records: 2, measures: { power_kw: stats(-0.5, 4) } }),
        row({ bin: b + MIN, records: 1, measures: { power_kw: stats(0.75) } }),
      ]);
    });

    it('bins by an odd number of nanoseconds', async () => {
      fresh();
      const width = 1_000_000_007n;
      const b = binOf(at(300), width);
      await write([
        reading(b - 1n, 1),
        reading(b, 2),
        reading(b + width - 1n, 3),
        reading(b + width, 4),
      ]);
      const rows = await aggregate({ ...window(), bin: width });
      expect(rows.map((r) => [r.bin, r.records])).toEqual([
        [b - width, 1],
        [b, 2],
        [b + width, 1],
      ]);
    });

    it('groups by dimensions without a bin, records lacking one under null, null first', async () => {
      fresh();
      await write([
        reading(at(1), 1, { site: 'north', turbine_id: 'B' }),
        reading(at(2), 2, { site: 'north', turbine_id: 'A' }),
        reading(at(3), 4, { turbine_id: 'A' }),
        reading(at(4), 8, { project: 'Windpark Noord' }),
        reading(at(5), 16, { site: 'north', turbine_id: 'A' }),
      ]);
      const rows = await aggregate({
        ...window(),
        groupBy: ['site', 'turbine_id'],
        measures: ['power_kw'],
      });
      expect(rows).toEqual([
        row({
          group: { site: null, turbine_id: null },
          records: 1,
          measures: { power_kw: stats(8) },
        }),
        row({
          group: { site: null, turbine_id: 'A' },
          records: 1,
          measures: { power_kw: stats(4) },
        }),
        row({
          group: { site: 'north', turbine_id: 'A' },
          records: 2,
          measures: { power_kw: stats(2, 16) },
        }),
        row({
          group: { site: 'north', turbine_id: 'B' },
          records: 1,
          measures: { power_kw: stats(1) },
        }),
      ]);
    });

    it('orders rows by bin, then by group, whatever order the records came in', async () => {
      fresh();
      const b = binOf(at(300), MIN);
      await write([
        reading(b + MIN + 1n, 1, { turbine_id: 'B' }),
        reading(b + MIN, 2, { turbine_id: 'A' }),
        reading(b + 1n, 4, { turbine_id: 'B' }),
        reading(b + 2n, 8, { project: 'P' }),
        reading(b, 16, { turbine_id: 'A' }),
      ]);
      const rows = await aggregate({ ...window(), bin: MIN, groupBy: ['turbine_id'] });
      expect(rows.map((r) => [r.bin, r.group.turbine_id, r.records])).toEqual([
        [b, null, 1],
        [b, 'A', 1],
        [b, 'B', 1],
        [b + MIN, 'A', 1],
        [b + MIN, 'B', 1],
      ]);
    });

    it('aggregates DOUBLE values only: MULTI values by name, single ones as measure_value::double', async () => {
      fresh();
      await write([
        rec(at(1), 'reading', multi({ power_kw: ['DOUBLE', '1.25'], rotor_rpm: ['BIGINT', '14'] })),
        rec(at(2), 'reading', multi({ power_kw: ['DOUBLE', '2.5'] })),
        rec(at(3), 'reading', multi({ rotor_rpm: ['BIGINT', '15'] })),
        rec(at(4), 'temperature', double(10.5)),
        rec(at(5), 'temperature', double(11)),
        rec(at(6), 'count', { kind: 'single', type: 'BIGINT', value: '7' }),
      ]);
      const measures = ['power_kw', 'rotor_rpm', 'measure_value::double', UNKNOWN];
      expect(await aggregate({ ...window(), measures })).toEqual([
        row({
          records: 6,
          measures: {
            power_kw: stats(1.25, 2.5),
            rotor_rpm: stats(),
            'measure_value::double': stats(10.5, 11),
            [UNKNOWN]: stats(),
          },
        }),
      ]);
    });

    it('computes at least the statistics asked for', async () => {
      fresh();
      await write([reading(at(1), 1.5), reading(at(2), 2.25)]);
      const [only] = await aggregate({
        ...window(),
        measures: ['power_kw'],
        stats: ['sum', 'max'],
      });
      expect([only?.records, only?.measures.power_kw?.sum, only?.measures.power_kw?.max]).toEqual([
        2, 3.75, 2.25,
      ]);
    });

    it('counts distinct dimension values per row, records without the dimension not counted', async () => {
      fresh();
      const b = binOf(at(300), MIN);
      await write([
        reading(b, 1, { project: 'P', turbine_id: 'A' }),
        reading(b + 1n, 1, { project: 'P', turbine_id: 'A' }),
        reading(b + 2n, 1, { project: 'P', turbine_id: 'B' }),
        reading(b + 3n, 1, { project: 'P' }),
        reading(b + MIN, 1, { project: 'P', turbine_id: 'C' }),
      ]);
      const rows = await aggregate({
        ...window(),
        bin: MIN,
        groupBy: ['project'],
        distinct: ['turbine_id', UNKNOWN],
      });
      expect(rows).toEqual([
        row({
          bin: b,
          group: { project: 'P' },
          records: 4,
          distinct: { turbine_id: 2, [UNKNOWN]: 0 },
        }),
        row({
          bin: b + MIN,
          group: { project: 'P' },
          records: 1,
          distinct: { turbine_id: 1, [UNKNOWN]: 0 },
        }),
      ]);
    });

    it('counts distinct values with sums and extremes, also in a first bin that starts before from', async () => {
      fresh();
      const b = binOf(at(300), MIN);
      const from = b + 20n * SEC;
      await write([
        reading(b + 10n * SEC, 100, { project: 'P', turbine_id: 'A' }),
        reading(from, 1.5, { project: 'P', turbine_id: 'A' }),
        reading(from + 1n, 2.25, { project: 'P', turbine_id: 'B' }),
        reading(from + 2n, -0.5, { project: 'P', turbine_id: 'A' }),
        reading(b + MIN, 4, { project: 'P', turbine_id: 'C' }),
      ]);
      const query = { from, to: at(1000), bin: MIN, measures: ['power_kw'] };
      expect(await aggregate({ ...query, distinct: ['turbine_id'] })).toEqual([
        row({
          bin: b,
          records: 3,
          measures: { power_kw: stats(1.5, 2.25, -0.5) },
          distinct: { turbine_id: 2 },
        }),
        row({
          bin: b + MIN,
          records: 1,
          measures: { power_kw: stats(4) },
          distinct: { turbine_id: 1 },
        }),
      ]);
      expect(await aggregate({ ...query, bin: undefined, distinct: ['turbine_id'] })).toEqual([
        row({
          records: 4,
          measures: { power_kw: stats(1.5, 2.25, -0.5, 4) },
          distinct: { turbine_id: 3 },
        }),
      ]);
    });

    it('filters by dimensions and measure names before aggregating', async () => {
      fresh();
      await write([
        reading(at(1), 1, { turbine_id: 'A' }),
        reading(at(2), 2, { turbine_id: 'B' }),
        rec(at(3), 'other_reading', multi({ power_kw: ['DOUBLE', '4'] }), { turbine_id: 'A' }),
        reading(at(4), 8, { turbine_id: 'A' }),
      ]);
      const query = { ...window(), measures: ['power_kw'] };
      expect(
        await aggregate({ ...query, dimensions: { turbine_id: 'A' }, measureNames: ['reading'] }),
      ).toEqual([row({ records: 2, measures: { power_kw: stats(1, 8) } })]);
      expect(await aggregate({ ...query, measureNames: ['other_reading', 'nothing'] })).toEqual([
        row({ records: 1, measures: { power_kw: stats(4) } }),
      ]);
      expect(await aggregate({ ...query, dimensions: { [UNKNOWN]: 'A' } })).toEqual([]);
      expect(await aggregate({ ...query, measureNames: [] })).toEqual([]);
    });

    it('answers no rows for an empty range, no matching record, or an unknown table', async () => {
      fresh();
      await write([reading(at(5), 1)]);
      const s = subject();
      const unknown = { database: s.table.database, table: `never_written_${Date.now()}` };
      const none = { from: at(6), to: at(7), measures: ['power_kw'] };
      expect(await aggregate({ from: at(5), to: at(5), measures: ['power_kw'] })).toEqual([]);
      expect(await aggregate(none)).toEqual([]);
      expect(await aggregate({ ...none, bin: MIN, groupBy: ['turbine_id'] })).toEqual([]);
      expect(await s.store.aggregate(s.otherTable, window())).toEqual([]);
      expect(await s.store.aggregate(unknown, window())).toEqual([]);
    });

    it('groups and filters by hostile dimension names and values', async () => {
      fresh();
      const name = `site "north", it's`;
      await write(
        HOSTILE.map((h, i) => reading(at(i + 1), i * 0.25, { [name]: h, turbine_id: h })),
      );
      const sorted = HOSTILE.map((h, i) => ({ h, i })).sort((a, b) => (a.h < b.h ? -1 : 1));
      const rows = await aggregate({ ...window(), groupBy: [name], measures: ['power_kw'] });
      expect(rows).toEqual(
        sorted.map(({ h, i }) =>
          row({ group: { [name]: h }, records: 1, measures: { power_kw: stats(i * 0.25) } }),
        ),
      );
      for (const h of HOSTILE) {
        const one = await aggregate({
          ...window(),
          dimensions: { turbine_id: h },
          groupBy: ['turbine_id'],
        });
        expect(one).toEqual([row({ group: { turbine_id: h }, records: 1 })]);
      }
    });
  });
}

/** The start of the bin of a time after the epoch. */
function binOf(time: bigint, width: bigint): bigint {
  return time - (time % width);
}

function row(r: Partial<AggregateRow>): AggregateRow {
  return {
    ...r,
    group: r.group ?? {},
    records: r.records ?? 0,
    measures: r.measures ?? {},
    distinct: r.distinct ?? {},
  };
}

/** The statistics of these DOUBLE values (none: count 0, the rest null). */
function stats(...values: number[]): MeasureStats {
  if (values.length === 0) return { count: 0, sum: null, min: null, max: null };
  const sum = values.reduce((a, b) => a + b, 0);
  return { count: values.length, sum, min: Math.min(...values), max: Math.max(...values) };
}
