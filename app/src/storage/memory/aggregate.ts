import type { TelemetryRecord } from '../../telemetry/record.js';
import { binStart, namedEntries, sortAggregateRows } from '../aggregate.js';
import type { AggregateQuery, AggregateRow, MeasureStats } from '../TelemetryStore.js';

/**
 * `aggregate()` over records held in memory: one pass, no copy and no sort of the records. Each
 * record is folded into the accumulator of its bin and group, found through nested Maps (one per
 * bin, then one level per `groupBy` value, `null` for a missing dimension), so no key string is
 * built per record. Sums are taken in the order the records are held.
 *
 * @example
 * aggregateRecords(table.values(), { from, to, bin: 600n * SEC, measures: ['power_kw'] });
 */
export function aggregateRecords(
  records: Iterable<TelemetryRecord>,
  query: AggregateQuery,
): AggregateRow[] {
  if (query.to <= query.from || query.measureNames?.length === 0) return [];
  const fold = new Fold(query);
  for (const record of records) fold.add(record);
  return sortAggregateRows(fold.rows(), query.groupBy ?? []);
}

const SINGLE_DOUBLE = 'measure_value::double';

interface Accumulator {
  bin: bigint | undefined;
  group: (string | null)[];
  records: number;
  count: number[];
  sum: number[];
  min: number[];
  max: number[];
  distinct: Set<string>[];
}

type Level = Map<string | null | undefined, unknown>;

class Fold {
  private readonly wanted: [string, string][];
  private readonly names: Set<string> | undefined;
  private readonly groupBy: string[];
  private readonly measures: string[];
  private readonly distinct: string[];
  private readonly bins = new Map<bigint | undefined, Level>();
  private readonly all: Accumulator[] = [];
  private readonly keys: (string | null)[];
  // Records mostly come in time order, so the current bin is kept: most records then need no
  // bigint arithmetic and no lookup by bin.
  private bin: bigint | undefined;
  private binEnd: bigint | undefined;
  private level: Level = new Map();

  constructor(private readonly query: AggregateQuery) {
    this.wanted = Object.entries(query.dimensions ?? {});
    this.names = query.measureNames ? new Set(query.measureNames) : undefined;
    this.groupBy = query.groupBy ?? [];
    this.measures = query.measures ?? [];
    this.distinct = query.distinct ?? [];
    this.keys = this.groupBy.map(() => null);
    if (query.bin === undefined) this.bins.set(undefined, this.level);
  }

  add(r: TelemetryRecord): void {
    if (r.time < this.query.from || r.time >= this.query.to) return;
    if (this.names && !this.names.has(r.measureName)) return;
    for (const [name, value] of this.wanted) if (dimension(r, name) !== value) return;
    if (this.query.bin !== undefined) this.enterBin(r.time, this.query.bin);
    const acc = this.accumulator(r);
    acc.records++;
    for (let i = 0; i < this.measures.length; i++) {
      const value = doubleValue(r, this.measures[i] as string);
      if (value === undefined) continue;
      const first = acc.count[i] === 0;
      acc.count[i] = (acc.count[i] as number) + 1;
      acc.sum[i] = (acc.sum[i] as number) + value;
      if (first || value < (acc.min[i] as number)) acc.min[i] = value;
      if (first || value > (acc.max[i] as number)) acc.max[i] = value;
    }
    for (let i = 0; i < this.distinct.length; i++) {
      const value = dimension(r, this.distinct[i] as string);
      if (value !== null) (acc.distinct[i] as Set<string>).add(value);
    }
  }

  rows(): AggregateRow[] {
    return this.all.map((acc) => {
      const row: AggregateRow = {
        group: namedEntries(this.groupBy, (i) => acc.group[i] ?? null),
        records: acc.records,
        measures: namedEntries(this.measures, (i) => stats(acc, i)),
        distinct: namedEntries(this.distinct, (i) => (acc.distinct[i] as Set<string>).size),
      };
      return acc.bin === undefined ? row : { bin: acc.bin, ...row };
    });
  }

  private enterBin(time: bigint, width: bigint): void {
    if (this.bin !== undefined && time >= this.bin && time < (this.binEnd as bigint)) return;
    const bin = binStart(time, width);
    let level = this.bins.get(bin);
    if (!level) this.bins.set(bin, (level = new Map()));
    this.bin = bin;
    this.binEnd = bin + width;
    this.level = level;
  }

  /** The accumulator of the current bin and the record's `groupBy` values, made on first use. */
  private accumulator(r: TelemetryRecord): Accumulator {
    let level = this.level;
    let key: string | null | undefined;
    for (let i = 0; i < this.groupBy.length; i++) {
      if (i > 0) {
        let next = level.get(key) as Level | undefined;
        if (!next) level.set(key, (next = new Map()));
        level = next;
      }
      key = this.keys[i] = dimension(r, this.groupBy[i] as string);
    }
    let acc = level.get(key) as Accumulator | undefined;
    if (!acc) level.set(key, (acc = this.create()));
    return acc;
  }

  private create(): Accumulator {
    const zeros = () => this.measures.map(() => 0);
    const acc: Accumulator = {
      bin: this.query.bin === undefined ? undefined : this.bin,
      group: [...this.keys],
      records: 0,
      count: zeros(),
      sum: zeros(),
      min: zeros(),
      max: zeros(),
      distinct: this.distinct.map(() => new Set<string>()),
    };
    this.all.push(acc);
    return acc;
  }
}

function dimension(r: TelemetryRecord, name: string): string | null {
  for (const d of r.dimensions) if (d.name === name) return d.value;
  return null;
}

/** The record's DOUBLE value in this column, if it has one (a value of another type does not count). */
function doubleValue(r: TelemetryRecord, column: string): number | undefined {
  const m = r.measure;
  if (m.kind === 'single') {
    return column === SINGLE_DOUBLE && m.type === 'DOUBLE' ? Number(m.value) : undefined;
  }
  for (const v of m.values) {
    if (v.name === column) return v.type === 'DOUBLE' ? Number(v.value) : undefined;
  }
  return undefined;
}

function stats(acc: Accumulator, i: number): MeasureStats {
  const count = acc.count[i] as number;
  if (count === 0) return { count, sum: null, min: null, max: null };
  return { count, sum: acc.sum[i] as number, min: acc.min[i] as number, max: acc.max[i] as number };
}
