import { describe, expect, it } from 'vitest';
import {
  StorageError,
  type LatestQuery,
  type LatestRow,
} from '../../app/src/storage/TelemetryStore.js';
import type { TelemetryRecord } from '../../app/src/telemetry/record.js';
import { HOSTILE } from './hostile.js';
import { double, multi, reading, rec, UNKNOWN } from './records.js';
import type { SectionContext } from './telemetryStore.contract.js';

/**
 * `latest()`: every backend must give these exact rows. No two records of a group share a time,
 * since the port leaves open which of them a row would show.
 */
export function describeLatestContract({ subject, fresh, at }: SectionContext): void {
  const write = async (records: TelemetryRecord[]) => {
    const s = subject();
    expect((await s.store.write(s.table, records)).rejected).toEqual([]);
  };
  const latest = (query: LatestQuery) => subject().store.latest(subject().table, query);
  const window = () => ({ from: at(0), to: at(1000) });
  const byTurbine = () => ({ ...window(), groupBy: ['turbine_id'], measures: ['power_kw'] });

  describe('latest', () => {
    it('gives the newest record of each group within [from, to)', async () => {
      fresh();
      await write([
        reading(at(5), 100, { turbine_id: 'A' }),
        reading(at(3), 2.5, { turbine_id: 'A' }),
        reading(at(1), 1, { turbine_id: 'A' }),
        reading(at(0), 100, { turbine_id: 'A' }),
        reading(at(2), 4, { turbine_id: 'B' }),
        reading(at(4), 0.25, { turbine_id: 'B' }),
        reading(at(6), 100, { turbine_id: 'C' }),
      ]);

      const rows = await latest({ ...byTurbine(), from: at(1), to: at(5) });

      expect(rows).toEqual([
        row({ turbine_id: 'A' }, at(3), { power_kw: 2.5 }),
        row({ turbine_id: 'B' }, at(4), { power_kw: 0.25 }),
      ]);
    });

    it('filters by dimensions and measure names before choosing the newest', async () => {
      fresh();
      await write([
        reading(at(1), 1, { project: 'P', turbine_id: 'A' }),
        rec(at(2), 'other_reading', multi({ power_kw: ['DOUBLE', '2'] }), {
          project: 'P',
          turbine_id: 'A',
        }),
        reading(at(3), 4, { project: 'Q', turbine_id: 'A' }),
        reading(at(4), 8, { project: 'P', turbine_id: 'B' }),
      ]);
      const p = { dimensions: { project: 'P' } };

      expect(await latest({ ...byTurbine(), ...p, measureNames: ['reading'] })).toEqual([
        row({ turbine_id: 'A' }, at(1), { power_kw: 1 }),
        row({ turbine_id: 'B' }, at(4), { power_kw: 8 }),
      ]);
      expect(await latest({ ...byTurbine(), measureNames: ['other_reading', 'nothing'] })).toEqual([
        row({ turbine_id: 'A' }, at(2), { power_kw: 2 }),
      ]);
      expect(await latest({ ...byTurbine(), ...p })).toEqual([
        row({ turbine_id: 'A' }, at(2), { power_kw: 2 }),
        row({ turbine_id: 'B' }, at(4), { power_kw: 8 }),
      ]);
      expect(await latest({ ...byTurbine(), dimensions: { [UNKNOWN]: 'A' } })).toEqual([]);
      expect(await latest({ ...byTurbine(), measureNames: [] })).toEqual([]);
    });

    it('groups by several dimensions in turn, records lacking one under null, null first', async () => {
      fresh();
      await write([
        reading(at(6), 0.5, { site: 'south', turbine_id: 'A' }),
        reading(at(5), 16, { site: 'north', turbine_id: 'A' }),
        reading(at(4), 8, { project: 'P' }),
        reading(at(3), 4, { turbine_id: 'A' }),
        reading(at(2), 2, { site: 'north', turbine_id: 'A' }),
        reading(at(1), 1, { site: 'north', turbine_id: 'B' }),
      ]);
      const query = { ...window(), measures: ['power_kw'] };

      expect(await latest({ ...query, groupBy: ['site', 'turbine_id'] })).toEqual([
        row({ site: null, turbine_id: null }, at(4), { power_kw: 8 }),
        row({ site: null, turbine_id: 'A' }, at(3), { power_kw: 4 }),
        row({ site: 'north', turbine_id: 'A' }, at(5), { power_kw: 16 }),
        row({ site: 'north', turbine_id: 'B' }, at(1), { power_kw: 1 }),
        row({ site: 'south', turbine_id: 'A' }, at(6), { power_kw: 0.5 }),
      ]);
      expect(await latest({ ...query, groupBy: ['turbine_id', 'site'] })).toEqual([
        row({ turbine_id: null, site: null }, at(4), { power_kw: 8 }),
        row({ turbine_id: 'A', site: null }, at(3), { power_kw: 4 }),
        row({ turbine_id: 'A', site: 'north' }, at(5), { power_kw: 16 }),
        row({ turbine_id: 'A', site: 'south' }, at(6), { power_kw: 0.5 }),
        row({ turbine_id: 'B', site: 'north' }, at(1), { power_kw: 1 }),
      ]);
      expect(await latest({ ...query, groupBy: [UNKNOWN] })).toEqual([
        row({ [UNKNOWN]: null }, at(6), { power_kw: 0.5 }),
      ]);
    });

    it('gives null for a measure the newest record lacks or has as another type, not an older value', async () => {
      fresh();
      await write([
        rec(at(1), 'reading', multi({ power_kw: ['DOUBLE', '1.5'], wind_ms: ['DOUBLE', '7.25'] }), {
          turbine_id: 'A',
        }),
        rec(at(2), 'reading', multi({ wind_ms: ['DOUBLE', '8'] }), { turbine_id: 'A' }),
        reading(at(1), 2, { turbine_id: 'B' }),
        rec(at(2), 'reading', multi({ rotor_rpm: ['BIGINT', '14'] }), { turbine_id: 'B' }),
      ]);
      const measures = ['power_kw', 'wind_ms', 'rotor_rpm', UNKNOWN];

      expect(await latest({ ...window(), groupBy: ['turbine_id'], measures })).toEqual([
        row({ turbine_id: 'A' }, at(2), {
          power_kw: null,
          wind_ms: 8,
          rotor_rpm: null,
          [UNKNOWN]: null,
        }),
        row({ turbine_id: 'B' }, at(2), {
          power_kw: null,
          wind_ms: null,
          rotor_rpm: null,
          [UNKNOWN]: null,
        }),
      ]);
    });

    it('reads single-measure DOUBLE records as measure_value::double', async () => {
      fresh();
      await write([
        rec(at(1), 'temperature', double(10.5), { turbine_id: 'A' }),
        rec(at(3), 'temperature', double(11), { turbine_id: 'A' }),
        rec(at(2), 'temperature', double(9.25), { turbine_id: 'B' }),
        rec(at(4), 'count', { kind: 'single', type: 'BIGINT', value: '7' }, { turbine_id: 'B' }),
      ]);
      const query = { ...window(), groupBy: ['turbine_id'], measures: ['measure_value::double'] };

      expect(await latest(query)).toEqual([
        row({ turbine_id: 'A' }, at(3), { 'measure_value::double': 11 }),
        row({ turbine_id: 'B' }, at(4), { 'measure_value::double': null }),
      ]);
      expect(await latest({ ...query, measureNames: ['temperature'] })).toEqual([
        row({ turbine_id: 'A' }, at(3), { 'measure_value::double': 11 }),
        row({ turbine_id: 'B' }, at(2), { 'measure_value::double': 9.25 }),
      ]);
    });

    it('answers no rows for an empty range, no matching record, or an unknown table', async () => {
      fresh();
      await write([reading(at(5), 1)]);
      const s = subject();
      const unknown = { database: s.table.database, table: `never_written_${Date.now()}` };

      expect(await latest({ ...byTurbine(), from: at(6), to: at(7) })).toEqual([]);
      expect(await latest({ ...byTurbine(), from: at(5), to: at(5) })).toEqual([]);
      expect(await latest({ ...byTurbine(), dimensions: { turbine_id: 'Z' } })).toEqual([]);
      expect(await s.store.latest(s.otherTable, byTurbine())).toEqual([]);
      expect(await s.store.latest(unknown, byTurbine())).toEqual([]);
    });

    it('refuses a query without a dimension to group by', async () => {
      await expect(latest({ ...window(), groupBy: [], measures: [] })).rejects.toBeInstanceOf(
        StorageError,
      );
    });

    it('groups, filters and reads hostile dimension and measure names and values', async () => {
      fresh();
      const name = `site "north", it's`;
      const kw = `kW "now",\nit's\\ 50%`;
      await write(
        HOSTILE.map((h, i) =>
          rec(at(i + 1), 'reading', multi({ [kw]: ['DOUBLE', String(i * 0.25)] }), {
            [name]: h,
            turbine_id: h,
          }),
        ),
      );
      const sorted = HOSTILE.map((h, i) => ({ h, i })).sort((a, b) => (a.h < b.h ? -1 : 1));

      expect(await latest({ ...window(), groupBy: [name], measures: [kw] })).toEqual(
        sorted.map(({ h, i }) => row({ [name]: h }, at(i + 1), { [kw]: i * 0.25 })),
      );
      for (const [i, h] of HOSTILE.entries()) {
        const one = await latest({
          ...window(),
          dimensions: { turbine_id: h },
          groupBy: ['turbine_id'],
          measures: [kw],
        });
        expect(one).toEqual([row({ turbine_id: h }, at(i + 1), { [kw]: i * 0.25 })]);
      }
    });
  });
}

function row(
  group: Record<string, string | null>,
  time: bigint,
  measures: Record<string, number | null>,
): LatestRow {
  return { group, time, measures };
}
