/**
 * InfluxQL quoting. Every name and value that reaches a query goes through one of these, so no
 * caller's string is ever spliced in raw. InfluxQL (1.x `ScanString`) reads `\\`, `\n`, `\"` and
 * `\'` as escapes inside quotes and rejects a raw newline there.
 */
function escapeQuoted(text: string, quote: '"' | "'"): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(quote === '"' ? /"/g : /'/g, `\\${quote}`)
    .replace(/\n/g, '\\n');
}

/** A double-quoted identifier: database, measurement, tag or field key. */
export function identifier(name: string): string {
  return `"${escapeQuoted(name, '"')}"`;
}

/** A single-quoted string literal. */
export function stringLiteral(value: string): string {
  return `'${escapeQuoted(value, "'")}'`;
}

/** InfluxDB's representable time range (models.MinNanoTime / MaxNanoTime in 1.x). */
export const MIN_TIME_NS = -9_223_372_036_854_775_806n;
export const MAX_TIME_NS = 9_223_372_036_854_775_806n;

/** A time literal in ns, clamped to what InfluxDB can compare against. */
export function timeLiteral(ns: bigint): string {
  const clamped = ns < MIN_TIME_NS ? MIN_TIME_NS : ns > MAX_TIME_NS ? MAX_TIME_NS : ns;
  return clamped.toString();
}

/** `"db".."measurement"`: the database's default retention policy. */
export function source(database: string, measurement: string): string {
  return `${identifier(database)}..${identifier(measurement)}`;
}

/** `("k1" = 'v1' AND "k2" = 'v2')`, or `""` for no pairs. Keys and values as stored (encoded). */
export function allEqual(pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return '';
  return `(${pairs.map(([k, v]) => `${identifier(k)} = ${stringLiteral(v)}`).join(' AND ')})`;
}

/** `(a OR b OR ...)` over non-empty conditions. */
export function anyOf(conditions: readonly string[]): string {
  return `(${conditions.join(' OR ')})`;
}
