import type { TelemetryRecord } from '../../../../../app/src/telemetry/record.js';
import type { SqlType } from '../types/values.js';

/**
 * A table's columns, which Timestream derives from what was written (research §5.2): one VARCHAR
 * column per dimension name, `measure_name` (VARCHAR), `time` (TIMESTAMP), one
 * `measure_value::<type>` column per single-measure type present, and one column per multi-measure
 * attribute typed by its measure type.
 *
 * The storage port has no schema, so we learn it from records: a column exists once a record
 * within the table's retention has it. Hence an empty table has only `measure_name` and `time`,
 * and a column whose data all expired is gone (Timestream keeps it: DESCRIBE of a fresh
 * table is documented nowhere we could find, so this is a known difference).
 *
 * Order, for `SELECT *` and DESCRIBE: dimensions, measure_name, time, then measures (multi-measure
 * attributes and `measure_value::<type>` alike), each group in the order the records of the
 * retention window show them, oldest first (a record's own dimensions are sorted by name in the
 * record model, so ties are alphabetical). This is the order of both recorded DESCRIBE outputs
 * (awslabs/amazon-timestream-tools perf-scale-workload README) and of a recorded 2022 `SELECT *`
 * (aws-samples/aws-iot-twinmaker-samples, test/fixtures/timestream/query.select.twinmaker.json);
 * a 2020 capture (signalk) put measures before measure_name and time, which we take as older.
 *
 * Timestream gives a name one role and one type per table (the store rejects a type conflict,
 * app/src/storage/upsert.ts); should records disagree anyway, the first one seen wins and cells of
 * the other kind read as NULL.
 */
export type ColumnRole = 'dimension' | 'measure_name' | 'time' | 'single' | 'multi';

export interface ColumnDef {
  name: string;
  role: ColumnRole;
  type: SqlType;
}

export const SINGLE_PREFIX = 'measure_value::';
const GROUPS: ColumnRole[][] = [['dimension'], ['measure_name'], ['time'], ['single', 'multi']];

export class TableSchema {
  private readonly byName = new Map<string, ColumnDef>();

  constructor() {
    this.add({ name: 'measure_name', role: 'measure_name', type: 'VARCHAR' });
    this.add({ name: 'time', role: 'time', type: 'TIMESTAMP' });
  }

  learn(records: Iterable<TelemetryRecord>): this {
    for (const r of records) {
      for (const d of r.dimensions) {
        if (!this.byName.has(d.name))
          this.add({ name: d.name, role: 'dimension', type: 'VARCHAR' });
      }
      const m = r.measure;
      if (m.kind === 'single') {
        const name = SINGLE_PREFIX + m.type.toLowerCase();
        if (!this.byName.has(name)) this.add({ name, role: 'single', type: m.type });
      } else {
        for (const v of m.values) {
          if (!this.byName.has(v.name)) this.add({ name: v.name, role: 'multi', type: v.type });
        }
      }
    }
    return this;
  }

  /**
   * Learns from every record of the retention window: their columns come first, in the order
   * the records show them; columns known only from earlier reads follow.
   */
  rebase(records: Iterable<TelemetryRecord>): this {
    const earlier = [...this.byName.values()];
    this.byName.clear();
    this.add({ name: 'measure_name', role: 'measure_name', type: 'VARCHAR' });
    this.add({ name: 'time', role: 'time', type: 'TIMESTAMP' });
    this.learn(records);
    for (const c of earlier) if (!this.byName.has(c.name)) this.add(c);
    return this;
  }

  merge(other: TableSchema): this {
    for (const c of other.byName.values()) if (!this.byName.has(c.name)) this.add(c);
    return this;
  }

  /**
   * The column a name in the query means: the exact name, else the only column whose name equals
   * it ignoring case. Trino folds unquoted names to lower case; Timestream keeps mixed-case
   * dimension names and a recorded query selects `TelemetryAssetId` unquoted (twinmaker sample),
   * so exact matching comes first. Whether Timestream also matches other spellings is unconfirmed.
   */
  resolve(name: string): ColumnDef | undefined {
    const exact = this.byName.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    const matches = [...this.byName.values()].filter((c) => c.name.toLowerCase() === lower);
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Columns in `SELECT *` order. */
  columns(): ColumnDef[] {
    const all = [...this.byName.values()];
    return GROUPS.flatMap((roles) => all.filter((c) => roles.includes(c.role)));
  }

  clone(): TableSchema {
    return new TableSchema().merge(this);
  }

  private add(column: ColumnDef): void {
    this.byName.set(column.name, column);
  }
}
