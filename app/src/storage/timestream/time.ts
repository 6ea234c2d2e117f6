/**
 * Timestream's query engine speaks timestamps as `YYYY-MM-DD HH:MM:SS.nnnnnnnnn` in UTC with nine
 * fractional digits (supported-data-types.html; shared/research/timestream.md §5.2). The port speaks
 * nanoseconds since the epoch as a bigint. These two functions convert exactly, without a float.
 */

const NS_PER_SECOND = 1_000_000_000n;
/** Query supports timestamps up to 2262-04-11 23:47:16.854775807, the largest signed 64-bit ns. */
export const MAX_TIMESTAMP_NS = 2n ** 63n - 1n;

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Formats ns since the epoch (0 .. MAX_TIMESTAMP_NS) as Timestream prints a TIMESTAMP. */
export function formatTimestamp(ns: bigint): string {
  if (ns < 0n || ns > MAX_TIMESTAMP_NS) {
    throw new RangeError(`timestamp ${ns} ns is outside Timestream's range`);
  }
  const seconds = ns / NS_PER_SECOND;
  const fraction = (ns % NS_PER_SECOND).toString().padStart(9, '0');
  // toISOString: "YYYY-MM-DDTHH:MM:SS.sssZ"; keep the date and whole seconds only.
  const iso = new Date(Number(seconds) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${fraction}`;
}

/** Parses a TIMESTAMP ScalarValue back into ns since the epoch. */
export function parseTimestamp(text: string): bigint {
  const match = TIMESTAMP.exec(text);
  if (!match) throw new SyntaxError(`'${text}' is not a Timestream TIMESTAMP`);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC silently rolls "2024-02-30" over into March; refuse such a value instead.
  if (
    new Date(millis).toISOString().slice(0, 19) !==
    `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`
  ) {
    throw new SyntaxError(`'${text}' is not a valid date`);
  }
  const fraction = BigInt((match[7] ?? '').padEnd(9, '0'));
  return BigInt(millis / 1000) * NS_PER_SECOND + fraction;
}
