/**
 * Intervals (INTERVAL_DAY_TO_SECOND) are held as bigint nanoseconds: Timestream's time precision
 * is the nanosecond and a double cannot hold a 2024 timestamp to the ns. The units are the ones
 * Timestream's interval literals and `parse_duration` take: ns, us, ms, s, m, h, d
 * (date-time-functions.html, "Interval and duration").
 */
const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};

/** `1.5h` -> 5.4e12 ns, exactly (the fraction is scaled as a decimal, never as a float). */
export function parseIntervalLiteral(amount: string, unit: string): bigint {
  const unitNs = UNIT_NS[unit];
  if (unitNs === undefined) throw new RangeError(`unknown interval unit '${unit}'`);
  const [whole = '0', fraction = ''] = amount.split('.');
  const scale = 10n ** BigInt(fraction.length);
  return (BigInt(whole + fraction) * unitNs) / scale;
}

const DURATION = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|ms|s|m|h|d)\s*$/;

/** `parse_duration('42.8ms')`; undefined when the text is not a duration. */
export function parseDuration(text: string): bigint | undefined {
  const match = DURATION.exec(text);
  return match ? parseIntervalLiteral(match[1] as string, match[2] as string) : undefined;
}
