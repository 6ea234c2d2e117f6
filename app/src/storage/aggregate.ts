import { StorageError, type AggregateQuery } from './TelemetryStore.js';

/**
 * What every adapter's `aggregate` shares: the checks on a query, where a time falls in a bin,
 * and the order of the rows and the objects in them (which `latest` shares too).
 */

const STATS = new Set<string>(['count', 'sum', 'min', 'max']);

/** Refuses what no adapter can answer: a bin that is not a positive number of ns, an unknown stat. */
export function checkAggregateQuery(query: AggregateQuery): void {
  if (query.bin !== undefined && query.bin <= 0n) {
    throw new StorageError(`aggregate: bin must be a positive number of ns, got ${query.bin}`);
  }
  const unknown = query.stats?.find((s) => !STATS.has(s));
  if (unknown !== undefined) {
    throw new StorageError(`aggregate: stats must be count, sum, min or max, got '${unknown}'`);
  }
}

/** The start of the bin `time` falls in: the largest multiple of `width` not after it. */
export function binStart(time: bigint, width: bigint): bigint {
  const r = time % width;
  return r < 0n ? time - r - width : time - r;
}

/**
 * The port's row order for `aggregate` and `latest`: by bin (when rows have one), then by each
 * `groupBy` value in turn, null first.
 */
export function sortGroupedRows<Row extends GroupedRow>(
  rows: Row[],
  groupBy: readonly string[],
): Row[] {
  return rows.sort((a, b) => {
    if (a.bin !== b.bin && a.bin !== undefined && b.bin !== undefined)
      return a.bin < b.bin ? -1 : 1;
    for (const name of groupBy) {
      const x = a.group[name] ?? null;
      const y = b.group[name] ?? null;
      if (x === y) continue;
      if (x === null) return -1;
      if (y === null) return 1;
      return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** What `sortGroupedRows` orders by: an `AggregateRow` or a `LatestRow`. */
export interface GroupedRow {
  bin?: bigint;
  group: Record<string, string | null>;
}

/**
 * `{ [names[i]]: value(i) }` for a row's `group`, `measures` or `distinct`. Plain assignment is
 * several times faster than `Object.fromEntries` over a hundred thousand rows; a name such as
 * `__proto__`, which assignment would take for the prototype, is defined as an own property.
 */
export function namedEntries<T>(
  names: readonly string[],
  value: (index: number) => T,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    if (name === '__proto__') {
      Object.defineProperty(out, name, {
        value: value(i),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else out[name] = value(i);
  }
  return out;
}
