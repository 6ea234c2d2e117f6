import { recordKey, type TelemetryRecord } from '../../telemetry/record.js';
import { checkAggregateQuery } from '../aggregate.js';
import { checkLatestQuery } from '../latest.js';
import { sortByTimeThenSeries } from '../order.js';
import type {
  AggregateQuery,
  AggregateRow,
  LatestQuery,
  LatestRow,
  RecordQuery,
  TableRef,
  TelemetryStore,
  WriteResult,
} from '../TelemetryStore.js';
import { decideUpsert } from '../upsert.js';
import { aggregateRecords } from './aggregate.js';
import { recordFilter } from './filter.js';
import { latestRecords } from './latest.js';

/**
 * The in-memory adapter: unit tests and the zero-dependency `npm start`. Data lives as long as the
 * process. It applies the same upsert rules as the others, so the contract suite holds for it too.
 *
 * @example
 * const store = new InMemoryTelemetryStore();
 * await store.write({ database: 'db', table: 't' }, records);
 */
export class InMemoryTelemetryStore implements TelemetryStore {
  readonly backend = 'memory' as const;
  private readonly tables = new Map<string, Map<string, TelemetryRecord>>();

  async write(table: TableRef, records: readonly TelemetryRecord[]): Promise<WriteResult> {
    const rows = this.table(table, true);
    const result: WriteResult = { stored: [], rejected: [] };
    records.forEach((record, index) => {
      const key = recordKey(record);
      const decision = decideUpsert(rows.get(key), record);
      if (decision.action === 'reject') {
        result.rejected.push({ index, ...decision.rejection });
        return;
      }
      if (decision.action === 'write') rows.set(key, copy(record));
      result.stored.push(index);
    });
    return result;
  }

  async query(table: TableRef, query: RecordQuery): Promise<TelemetryRecord[]> {
    const rows = this.table(table, false);
    if (!rows) return [];
    const found = [...rows.values()].filter(recordFilter(query));
    const sorted = sortByTimeThenSeries(found);
    return (query.limit === undefined ? sorted : sorted.slice(0, query.limit)).map(copy);
  }

  async aggregate(table: TableRef, query: AggregateQuery): Promise<AggregateRow[]> {
    checkAggregateQuery(query);
    const rows = this.table(table, false);
    return rows ? aggregateRecords(rows.values(), query) : [];
  }

  async latest(table: TableRef, query: LatestQuery): Promise<LatestRow[]> {
    checkLatestQuery(query);
    const rows = this.table(table, false);
    return rows ? latestRecords(rows.values(), query) : [];
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.tables.clear();
  }

  private table(ref: TableRef, create: true): Map<string, TelemetryRecord>;
  private table(ref: TableRef, create: false): Map<string, TelemetryRecord> | undefined;
  private table(ref: TableRef, create: boolean): Map<string, TelemetryRecord> | undefined {
    const key = JSON.stringify([ref.database, ref.table]);
    let rows = this.tables.get(key);
    if (!rows && create) this.tables.set(key, (rows = new Map()));
    return rows;
  }
}

/** Callers get their own copies, so nothing they change reaches the store (cheaper than structuredClone). */
function copy(r: TelemetryRecord): TelemetryRecord {
  return {
    dimensions: r.dimensions.map((d) => ({ name: d.name, value: d.value })),
    measureName: r.measureName,
    time: r.time,
    version: r.version,
    measure:
      r.measure.kind === 'single'
        ? { ...r.measure }
        : { kind: 'multi', values: r.measure.values.map((v) => ({ ...v })) },
  };
}
