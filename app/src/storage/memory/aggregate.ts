import type { TelemetryRecord } from '../../telemetry/record.js';
import { binStart, namedEntries, sortGroupedRows } from '../aggregate.js';
import type { AggregateQuery, AggregateRow, MeasureStats } from '../TelemetryStore.js';
import { recordFilter } from './filter.js';
import { GroupTree } from './groupTree.js';
import { dimensionValue, doubleValue } from './values.js';

/**
 * `aggregate()` over records held in memory: one pass, no copy and no sort of the records. Each
 * record is folded into the accumulator of its bin and group, found through a Map of bins and a
 * `GroupTree` in each, so no key string is built per record. Sums are taken in the order the
 * records are held.
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
  return sortGroupedRows(fold.rows(), query.groupBy ?? []);
}

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

class Fold {
  private readonly matches: (r: TelemetryRecord) => boolean;
  private readonly groupBy: string[];
  private readonly measures: string[];
  private readonly distinct: string[];
  private readonly bins = new Map<bigint | undefined, GroupTree<Accumulator>>();
  private readonly all: Accumulator[] = [];
  // Records mostly come in time order, so the current bin is kept: most records then need no
  // bigint arithmetic and no lookup by bin.
  private bin: bigint | undefined;
  private binEnd: bigint | undefined;
  private groups: GroupTree<Accumulator>;

  constructor(private readonly query: AggregateQuery) {
    this.matches = recordFilter(query);
    this.groupBy = query.groupBy ?? [];
    this.measures = query.measures ?? [];
    this.distinct = query.distinct ?? [];
    this.groups = this.tree();
    if (query.bin === undefined) this.bins.set(undefined, this.groups);
  }

  add(r: TelemetryRecord): void {
    if (!this.matches(r)) return;
    if (this.query.bin !== undefined) this.enterBin(r.time, this.query.bin);
    const acc = this.groups.of(r);
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
      const value = dimensionValue(r, this.distinct[i] as string);
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
    let groups = this.bins.get(bin);
    if (!groups) this.bins.set(bin, (groups = this.tree()));
    this.bin = bin;
    this.binEnd = bin + width;
    this.groups = groups;
  }

  /** The accumulators of one bin, each made on first use in the bin current at that time. */
  private tree(): GroupTree<Accumulator> {
    return new GroupTree(this.groupBy, (group) => this.create(group));
  }

  private create(group: (string | null)[]): Accumulator {
    const zeros = () => this.measures.map(() => 0);
    const acc: Accumulator = {
      bin: this.query.bin === undefined ? undefined : this.bin,
      group,
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

function stats(acc: Accumulator, i: number): MeasureStats {
  const count = acc.count[i] as number;
  if (count === 0) return { count, sum: null, min: null, max: null };
  return { count, sum: acc.sum[i] as number, min: acc.min[i] as number, max: acc.max[i] as number };
}
