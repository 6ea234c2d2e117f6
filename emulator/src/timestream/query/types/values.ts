/**
 * The engine's types and runtime values. Types are Timestream's scalar types (model `ScalarType`:
 * VARCHAR, BIGINT, DOUBLE, BOOLEAN, TIMESTAMP, INTERVAL_DAY_TO_SECOND, UNKNOWN for a bare NULL).
 * Every expression has one static type, so a runtime value needs no tag:
 * VARCHAR string, BIGINT bigint, DOUBLE number, BOOLEAN boolean, TIMESTAMP bigint ns since the
 * epoch, INTERVAL bigint ns, and null for SQL NULL whatever the type.
 */
export type SqlType =
  'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP' | 'INTERVAL' | 'UNKNOWN';

export type Value = string | number | bigint | boolean | null;

export const BIGINT_MIN = -(2n ** 63n);
export const BIGINT_MAX = 2n ** 63n - 1n;

export function isNumeric(type: SqlType): boolean {
  return type === 'BIGINT' || type === 'DOUBLE';
}

/** Lower-case type names as Trino prints them in its messages and DESCRIBE prints them. */
export function typeName(type: SqlType): string {
  return type === 'INTERVAL' ? 'interval day to second' : type.toLowerCase();
}

/**
 * Total order of two non-null values of one type (BIGINT and DOUBLE may be mixed). Strings
 * compare by UTF-16 code unit; Trino compares UTF-8 bytes, which differs only between characters
 * outside the BMP and U+E000..U+FFFF.
 */
export function compareValues(a: Exclude<Value, null>, b: Exclude<Value, null>): number {
  if (typeof a === typeof b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  // BIGINT against DOUBLE: compare as doubles, as Trino coerces bigint to double.
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A string key for a tuple of values, for grouping and DISTINCT (NULLs group together). */
export function tupleKey(values: readonly Value[]): string {
  let key = '';
  for (const v of values) {
    key +=
      v === null ? '\u0000n' : `\u0000${typeof v === 'bigint' ? 'i' : (typeof v)[0]}${String(v)}`;
  }
  return key;
}
