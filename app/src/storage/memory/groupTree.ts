import type { TelemetryRecord } from '../../telemetry/record.js';
import { dimensionValue } from './values.js';

type Level = Map<string | null | undefined, unknown>;

/**
 * One entry per combination of `groupBy` values, found through nested Maps (one level per
 * dimension, `null` for a record without it), so no key string is built per record.
 *
 * @example
 * const latest = new GroupTree(['site', 'turbine_id'], (group) => ({ group, time: -1n }));
 * const entry = latest.of(record); // entry.group: ['north', 'A'], or [null, 'A'], ...
 */
export class GroupTree<Entry> {
  private readonly root: Level = new Map();
  private readonly keys: (string | null)[];

  constructor(
    private readonly groupBy: readonly string[],
    /** Makes the entry of a group met for the first time; `group` is its own copy of the values. */
    private readonly create: (group: (string | null)[]) => Entry,
  ) {
    this.keys = groupBy.map(() => null);
  }

  /** The entry of the record's group, made on first use. */
  of(r: TelemetryRecord): Entry {
    let level = this.root;
    let key: string | null | undefined;
    for (let i = 0; i < this.groupBy.length; i++) {
      if (i > 0) {
        let next = level.get(key) as Level | undefined;
        if (!next) level.set(key, (next = new Map()));
        level = next;
      }
      key = this.keys[i] = dimensionValue(r, this.groupBy[i] as string);
    }
    let entry = level.get(key) as Entry | undefined;
    if (entry === undefined) level.set(key, (entry = this.create([...this.keys])));
    return entry;
  }
}
