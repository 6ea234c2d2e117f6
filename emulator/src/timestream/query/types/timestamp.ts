/**
 * TIMESTAMP values are bigint nanoseconds since the epoch, UTC. Timestream prints them as
 * `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` with nine fractional digits and no zone (research §5.2:
 * `2020-10-17 16:59:50.892000000`; date-time-functions.html: `current_timestamp` ->
 * `2022-07-07 17:42:32.939000000`) and "does not support negative time values" (same page).
 */
const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
/** The largest signed 64-bit ns value: 2262-04-11 23:47:16.854775807. */
export const MAX_TIMESTAMP_NS = 2n ** 63n - 1n;

export function formatTimestamp(ns: bigint): string {
  const seconds = ns / NS_PER_S;
  const fraction = (ns % NS_PER_S).toString().padStart(9, '0');
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction}`;
}

/**
 * `TIMESTAMP '2024-01-01 00:00:00'` (also with a fraction of up to 9 digits, or a date alone, as
 * Trino takes it). Undefined when the text is not such a timestamp or not a real date.
 */
const LITERAL = /^(\d{4})-(\d{2})-(\d{2})(?:[ ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

export function parseTimestampLiteral(text: string): bigint | undefined {
  const m = LITERAL.exec(text.trim());
  if (!m) return undefined;
  return build(m.slice(1, 8), 0);
}

/**
 * `from_iso8601_timestamp('2022-06-17T08:04:05.000000000+00:00')` (date-time-functions.html).
 * Without a zone the time is UTC, Timestream's only zone. Also takes a date alone and `Z`.
 */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseIso8601(text: string): bigint | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  return build(m.slice(1, 8), zoneOffsetMinutes(m[8]));
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}

function build(parts: (string | undefined)[], offsetMinutes: number): bigint | undefined {
  const [y, mo, d, h = '0', mi = '0', s = '0', fraction = ''] = parts;
  const fields = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (fields[1] < 1 || fields[1] > 12 || fields[3] > 23 || fields[4] > 59 || fields[5] > 59) {
    return undefined;
  }
  const ms = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
  // Date.UTC rolls 2024-02-30 over into March: refuse such a value instead.
  if (new Date(ms).getUTCDate() !== fields[2]) return undefined;
  const ns =
    BigInt(ms - offsetMinutes * 60_000) * NS_PER_MS + BigInt(fraction.padEnd(9, '0') || '0');
  return ns < 0n || ns > MAX_TIMESTAMP_NS ? undefined : ns;
}

export function msToNs(ms: number): bigint {
  return BigInt(Math.trunc(ms)) * NS_PER_MS;
}
