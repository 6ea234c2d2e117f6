/** A `--interval` / `--duration` value that is not a duration. */
export class DurationError extends Error {
  override readonly name = 'DurationError';
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * `500ms`, `1s`, `1.5s`, `30s`, `5m`, `2h`, `1d` -> milliseconds (a bare number is seconds, as in
 * `sleep`). Fractions are allowed; the result is rounded to whole milliseconds and must be > 0.
 *
 * @example
 * parseDuration('5m'); // 300000
 */
export function parseDuration(text: string, what = 'duration'): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const ms = match ? Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!) : NaN;
  if (!(ms > 0)) {
    throw new DurationError(`${what} "${text}" must look like 500ms, 1s, 30s, 5m or 2h`);
  }
  return ms;
}

/** `90500` -> `1m30.5s`: for summaries. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 100) / 10;
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}
