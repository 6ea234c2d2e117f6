import { namedEntries } from '../aggregate.js';
import type { Series } from './connection.js';
import { decodeName, encodeName } from './names.js';

/**
 * Reading the series of a `GROUP BY <tags>` statement (`aggregate`, `latest`): columns by name,
 * and the group each series stands for.
 */

/** The index of each column of the series by its name (its alias), -1 if it has none. */
export function columnIndex(series: Series): (name: string) => number {
  return (name) => series.columns.indexOf(name);
}

/**
 * The port's `group` of a series: each `groupBy` dimension's value, decoded. InfluxDB gives an
 * empty value for points without the tag (and for a tag the measurement never had); Timestream
 * dimension values cannot be empty, so that is `null`, a record without the dimension.
 */
export function groupOf(series: Series, groupBy: readonly string[]): Record<string, string | null> {
  return namedEntries(groupBy, (i) => {
    const value = series.tags?.[encodeName(groupBy[i] as string)] ?? '';
    return value === '' ? null : decodeName(value);
  });
}
