/**
 * Reading exact values out of InfluxDB's JSON, where every number is a JSON number that
 * `JSON.parse` turns into a double.
 */

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

/**
 * InfluxDB writes times (when no `epoch` is asked for) as RFC3339 with up to nine fraction digits,
 * trailing zeros dropped: exact, where `epoch=n` numbers would lose the last digits of every
 * current timestamp (they are above 2^53).
 */
export function parseRfc3339Nano(text: string): bigint {
  const match = RFC3339.exec(text);
  const ms = match ? Date.parse(`${match[1]}Z`) : Number.NaN;
  if (!match || Number.isNaN(ms)) throw new Error(`not an RFC3339 UTC time: ${text}`);
  const fraction = BigInt((match[2] ?? '').padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + fraction;
}

/**
 * Integers above 2^53 arrive rounded (by at most 512 below 2^63). Queries therefore also select
 * `field % LOW_MODULUS` for each integer field, an exact small number with the sign of the value
 * (Go's `%`). The value is the one number congruent to that low part within 512 of the rounded
 * value: `low + LOW_MODULUS * round((rounded - low) / LOW_MODULUS)`.
 */
export const LOW_MODULUS = 1_000_000_000;
const MODULUS = BigInt(LOW_MODULUS);

export function exactInteger(rounded: number, low: number | undefined): bigint {
  if (Number.isSafeInteger(rounded) || low === undefined) return BigInt(rounded);
  const lowPart = BigInt(low);
  const distance = BigInt(rounded) - lowPart;
  const half = MODULUS / 2n;
  const multiples = distance >= 0n ? (distance + half) / MODULUS : -((-distance + half) / MODULUS);
  return multiples * MODULUS + lowPart;
}
