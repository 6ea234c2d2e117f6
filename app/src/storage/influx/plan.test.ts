import { describe, expect, it } from 'vitest';
import { recordKey, type TelemetryRecord } from '../../telemetry/record.js';
import { needsDelete, planWrite } from './plan.js';
import type { MeasurementSchema } from './schema.js';

const T = 1_700_000_000_000_000_000n;
const empty: MeasurementSchema = { fields: new Map(), tags: new Set() };

function rec(over: Partial<TelemetryRecord> = {}): TelemetryRecord {
  return {
    dimensions: [{ name: 'turbine_id', value: 'A' }],
    measureName: 'power',
    time: T,
    version: 1n,
    measure: { kind: 'single', type: 'DOUBLE', value: '10' },
    ...over,
  };
}
const double = (value: string) => ({ kind: 'single', type: 'DOUBLE', value }) as const;
const stored = (...records: TelemetryRecord[]) => new Map(records.map((r) => [recordKey(r), r]));

describe('planWrite', () => {
  it('writes new records, keeps identical ones and rejects changed ones without a higher version', () => {
    const existing = stored(rec({ time: T + 1n, version: 2n }), rec({ time: T + 2n }));
    const plan = planWrite(
      [rec(), rec({ time: T + 1n, version: 1n }), rec({ time: T + 2n, measure: double('11') })],
      existing,
      empty,
    );
    expect(plan.writes.map((w) => w.indexes)).toEqual([[0]]);
    expect(plan.kept).toEqual([1]);
    expect(plan.rejected).toEqual([
      expect.objectContaining({ index: 2, code: 'VersionConflict', existingVersion: 1n }),
    ]);
  });

  it('compares records of one batch that share an identity in order', () => {
    const plan = planWrite(
      [
        rec({ measure: double('1') }),
        rec({ measure: double('2') }),
        rec({ measure: double('3'), version: 2n }),
        rec({ measure: double('3'), version: 2n }),
      ],
      new Map(),
      empty,
    );
    expect(plan.rejected.map((r) => [r.index, r.code])).toEqual([[1, 'VersionConflict']]);
    expect(plan.kept).toEqual([3]);
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]?.indexes).toEqual([0, 2]);
    expect(plan.writes[0]?.record.measure).toEqual(double('3'));
    expect(plan.writes[0]?.replaces).toBeUndefined();
  });

  it('rejects a measure whose type differs from the stored field, and from earlier in the batch', () => {
    const schema: MeasurementSchema = { fields: new Map([['rpm', ['float']]]), tags: new Set() };
    const multi = (name: string, type: 'DOUBLE' | 'BIGINT') =>
      rec({ measure: { kind: 'multi', values: [{ name, type, value: '1' }] } });
    const plan = planWrite(
      [multi('rpm', 'BIGINT'), multi('new', 'BIGINT'), { ...multi('new', 'DOUBLE'), time: T + 1n }],
      new Map(),
      schema,
    );
    expect(plan.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, 'TypeConflict'],
      [2, 'TypeConflict'],
    ]);
    expect(plan.rejected[0]?.reason).toMatch(/'rpm' is stored as float.*as integer/);
  });

  it('rejects names InfluxDB could not keep apart: tag vs field, reserved, empty values', () => {
    const schema: MeasurementSchema = {
      fields: new Map([['power_kw', ['float']]]),
      tags: new Set(['status']),
    };
    const plan = planWrite(
      [
        rec({ dimensions: [{ name: 'power_kw', value: 'x' }] }),
        rec({
          measure: { kind: 'multi', values: [{ name: 'status', type: 'DOUBLE', value: '1' }] },
        }),
        rec({
          measure: { kind: 'multi', values: [{ name: '_version', type: 'BIGINT', value: '1' }] },
        }),
        rec({ dimensions: [{ name: 'turbine_id', value: '' }] }),
        rec({ dimensions: [{ name: 'time', value: 'x' }] }),
      ],
      new Map(),
      schema,
    );
    expect(plan.rejected.map((r) => [r.index, r.code])).toEqual([
      [0, 'InvalidRecord'],
      [1, 'InvalidRecord'],
      [2, 'InvalidRecord'],
      [3, 'InvalidRecord'],
      [4, 'InvalidRecord'],
    ]);
    expect(plan.writes).toEqual([]);
  });
});

describe('needsDelete', () => {
  it('is needed only when the stored point has fields the replacement lacks', () => {
    const old = rec();
    const [sameShape] = planWrite(
      [rec({ version: 2n, measure: double('5') })],
      stored(old),
      empty,
    ).writes;
    const [otherType] = planWrite(
      [rec({ version: 2n, measure: { kind: 'single', type: 'BIGINT', value: '5' } })],
      stored(old),
      empty,
    ).writes;
    const [fresh] = planWrite([rec()], new Map(), empty).writes;
    expect(sameShape && needsDelete(sameShape)).toBe(false);
    expect(otherType && needsDelete(otherType)).toBe(true);
    expect(fresh && needsDelete(fresh)).toBe(false);
  });
});
