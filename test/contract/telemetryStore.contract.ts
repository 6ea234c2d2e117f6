import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableRef, TelemetryStore } from '../../app/src/storage/TelemetryStore.js';
import type { Measure, TelemetryRecord } from '../../app/src/telemetry/record.js';
import { describeAggregateContract } from './aggregate.contract.js';
import { describeLatestContract } from './latest.contract.js';
import { HOSTILE } from './hostile.js';

/** What a contract run needs: a store, a table in it nobody else uses, and how to clean up. */
export interface ContractSubject {
  store: TelemetryStore;
  table: TableRef;
  /** A second table in the same store, to prove tables are isolated. */
  otherTable: TableRef;
  cleanup?: () => Promise<void>;
}

/** What a section of the contract (aggregate, latest) borrows from the suite that runs it. */
export interface SectionContext {
  subject: () => ContractSubject;
  /** Moves the tests that follow to a stretch of time no other test writes to. */
  fresh: () => void;
  /** ns of `seconds` into the current stretch. */
  at: (seconds: number) => bigint;
}

export interface ContractOptions {
  /** Tests this adapter skips on purpose, each with the reason (shown in the test name). */
  skip?: Partial<Record<ContractTest, string>>;
}

type ContractTest = 'versions';

const T0 = 1_700_000_000_000_000_000n; // 2023-11-14T22:13:20Z in ns
const SEC = 1_000_000_000n;

export { HOSTILE };

/**
 * The behaviour every `TelemetryStore` adapter must show. Each adapter's test file calls this once
 * with a factory for a fresh subject.
 */
export function describeTelemetryStoreContract(
  adapter: string,
  makeSubject: () => Promise<ContractSubject>,
  options: ContractOptions = {},
): void {
  describe(`TelemetryStore contract: ${adapter}`, () => {
    let s: ContractSubject;
    let offset = 0n;
    // Each test gets its own stretch of time, so tests never see each other's records.
    const at = (seconds: number): bigint => T0 + offset + BigInt(seconds) * SEC;
    const window = () => ({ from: at(0), to: at(1000) });

    beforeAll(async () => {
      s = await makeSubject();
    });
    afterAll(async () => {
      await s?.cleanup?.();
      await s?.store.close();
    });
    let n = 0;
    const fresh = () => {
      offset = BigInt(++n) * 10_000n * SEC;
    };

    it('writes a record and reads it back exactly', async () => {
      fresh();
      const r = rec({ time: at(1) });
      const result = await s.store.write(s.table, [r]);
      expect(result).toEqual({ stored: [0], rejected: [] });
      expect(norm(await s.store.query(s.table, window()))).toEqual(norm([r]));
    });

    it('reads by time range [from, to), oldest first, with a limit', async () => {
      fresh();
      const rs = [3, 1, 2, 5].map((t) => rec({ time: at(t), value: String(t) }));
      await s.store.write(s.table, rs);
      const got = await s.store.query(s.table, { from: at(2), to: at(5) });
      expect(got.map((r) => r.time)).toEqual([at(2), at(3)]);
      const limited = await s.store.query(s.table, { ...window(), limit: 2 });
      expect(limited.map((r) => r.time)).toEqual([at(1), at(2)]);
    });

    it('filters by dimensions and by measure names', async () => {
      fresh();
      await s.store.write(s.table, [
        rec({ time: at(1), turbine: 'A', measureName: 'power' }),
        rec({ time: at(1), turbine: 'B', measureName: 'power' }),
        rec({ time: at(2), turbine: 'A', measureName: 'wind_speed' }),
      ]);
      const a = await s.store.query(s.table, { ...window(), dimensions: { turbine_id: 'A' } });
      expect(a.map((r) => [r.measureName, dim(r, 'turbine_id')])).toEqual([
        ['power', 'A'],
        ['wind_speed', 'A'],
      ]);
      const power = await s.store.query(s.table, { ...window(), measureNames: ['power'] });
      expect(power.map((r) => dim(r, 'turbine_id'))).toEqual(['A', 'B']);
      const none = await s.store.query(s.table, { ...window(), dimensions: { turbine_id: 'Z' } });
      expect(none).toEqual([]);
    });

    it('round-trips every scalar type and a MULTI record with every type', async () => {
      fresh();
      const multi: Measure = {
        kind: 'multi',
        values: [
          { name: 'power_kw', type: 'DOUBLE', value: '1532.25' },
          { name: 'rotor_rpm', type: 'BIGINT', value: '14' },
          { name: 'status', type: 'VARCHAR', value: 'running, "ok"' },
          { name: 'curtailed', type: 'BOOLEAN', value: 'false' },
          { name: 'sampled_at', type: 'TIMESTAMP', value: (at(1) - SEC).toString() },
        ],
      };
      const rs = [
        rec({ time: at(1), measureName: 'reading', measure: multi }),
        rec({ time: at(2), measureName: 'count', measure: single('BIGINT', '-42') }),
        rec({ time: at(3), measureName: 'label', measure: single('VARCHAR', 'NL 01') }),
        rec({ time: at(4), measureName: 'online', measure: single('BOOLEAN', 'true') }),
        rec({ time: at(5), measureName: 'ratio', measure: single('DOUBLE', '1.0') }),
      ];
      expect((await s.store.write(s.table, rs)).stored).toEqual([0, 1, 2, 3, 4]);
      expect(norm(await s.store.query(s.table, window()))).toEqual(norm(rs));
    });

    it('is retry-safe: re-writing the same records stores no duplicates', async () => {
      fresh();
      const rs = [1, 2, 3].map((t) => rec({ time: at(t) }));
      await s.store.write(s.table, rs);
      const again = await s.store.write(s.table, rs);
      expect(again).toEqual({ stored: [0, 1, 2], rejected: [] });
      expect(await s.store.query(s.table, window())).toHaveLength(3);
    });

    it('accepts the same record twice in one batch and keeps one', async () => {
      fresh();
      const r = rec({ time: at(1) });
      expect(await s.store.write(s.table, [r, r])).toEqual({ stored: [0, 1], rejected: [] });
      expect(await s.store.query(s.table, window())).toHaveLength(1);
    });

    const versions = options.skip?.versions;
    describe.skipIf(versions !== undefined)(
      `versions${versions ? ` (skipped: ${versions})` : ''}`,
      () => {
        it('rejects a changed value without a higher version and keeps the stored one', async () => {
          fresh();
          await s.store.write(s.table, [rec({ time: at(1), value: '10', version: 3n })]);
          const result = await s.store.write(s.table, [
            rec({ time: at(2), value: '1' }),
            rec({ time: at(1), value: '11', version: 3n }),
          ]);
          expect(result.stored).toEqual([0]);
          expect(result.rejected).toEqual([
            expect.objectContaining({ index: 1, code: 'VersionConflict', existingVersion: 3n }),
          ]);
          const got = await s.store.query(s.table, { from: at(1), to: at(2) });
          expect(got.map((r) => [numeric(r), r.version])).toEqual([[10, 3n]]);
        });

        it('replaces the value when the version is higher', async () => {
          fresh();
          await s.store.write(s.table, [rec({ time: at(1), value: '10', version: 1n })]);
          const result = await s.store.write(s.table, [
            rec({ time: at(1), value: '12', version: 2n }),
          ]);
          expect(result).toEqual({ stored: [0], rejected: [] });
          const got = await s.store.query(s.table, window());
          expect(got.map((r) => [numeric(r), r.version])).toEqual([[12, 2n]]);
        });
      },
    );

    it('round-trips hostile dimension values, measure names and VARCHAR values', async () => {
      fresh();
      const rs = HOSTILE.map((h, i) =>
        rec({
          time: at(i + 1),
          turbine: h,
          measureName: `m ${h}`,
          measure: single('VARCHAR', h),
          extra: { name: `dim ${i}, =x`, value: h },
        }),
      );
      expect((await s.store.write(s.table, rs)).stored).toHaveLength(HOSTILE.length);
      expect(norm(await s.store.query(s.table, window()))).toEqual(norm(rs));
      for (const h of HOSTILE) {
        const one = await s.store.query(s.table, { ...window(), dimensions: { turbine_id: h } });
        expect(one.map((r) => dim(r, 'turbine_id'))).toEqual([h]);
        const byName = await s.store.query(s.table, { ...window(), measureNames: [`m ${h}`] });
        expect(byName).toHaveLength(1);
      }
    });

    it('keeps tables apart, and an unknown table reads as empty', async () => {
      fresh();
      await s.store.write(s.table, [rec({ time: at(1) })]);
      expect(await s.store.query(s.otherTable, window())).toEqual([]);
      const unknown = { database: s.table.database, table: `never_written_${Date.now()}` };
      expect(await s.store.query(unknown, window())).toEqual([]);
    });

    describeAggregateContract({ subject: () => s, fresh, at });
    describeLatestContract({ subject: () => s, fresh, at });

    it('answers ping', async () => {
      await expect(s.store.ping()).resolves.toBeUndefined();
    });
  });
}

interface RecOptions {
  time: bigint;
  turbine?: string;
  measureName?: string;
  value?: string;
  version?: bigint;
  measure?: Measure;
  extra?: { name: string; value: string };
}

function rec(o: RecOptions): TelemetryRecord {
  const dimensions = [
    { name: 'project', value: 'Windpark Noord' },
    { name: 'turbine_id', value: o.turbine ?? 'A' },
    ...(o.extra ? [o.extra] : []),
  ].sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    dimensions,
    measureName: o.measureName ?? 'power',
    time: o.time,
    version: o.version ?? 1n,
    measure: o.measure ?? single('DOUBLE', o.value ?? '1500.5'),
  };
}

function single(type: 'DOUBLE' | 'BIGINT' | 'VARCHAR' | 'BOOLEAN', value: string): Measure {
  return { kind: 'single', type, value };
}

function dim(r: TelemetryRecord, name: string): string | undefined {
  return r.dimensions.find((d) => d.name === name)?.value;
}

function numeric(r: TelemetryRecord): number {
  if (r.measure.kind !== 'single') throw new Error('expected a single measure');
  return Number(r.measure.value);
}

/** Numbers compare by value: a store may spell 1.0 as 1. Everything else compares exactly. */
function norm(rs: TelemetryRecord[]): unknown[] {
  const num = (type: string, v: string) => (type === 'DOUBLE' ? Number(v) : v);
  return rs.map((r) => ({
    ...r,
    measure:
      r.measure.kind === 'single'
        ? { ...r.measure, value: num(r.measure.type, r.measure.value) }
        : {
            kind: 'multi',
            values: [...r.measure.values]
              .sort((a, b) => (a.name < b.name ? -1 : 1))
              .map((v) => ({ ...v, value: num(v.type, v.value) })),
          },
  }));
}
