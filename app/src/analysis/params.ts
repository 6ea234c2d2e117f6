/**
 * The query string of the read API, checked and bounded before anything reaches a store: every
 * value is parsed into a number or matched against a small grammar, names are length-checked, and
 * a range or bin count past the limits is refused with the parameter and the reason. Values reach
 * the stores only through the port, whose adapters quote them (InfluxQL, Timestream SQL).
 */
export class QueryParamError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

export const LIMITS = {
  /** Longest range one request may cover. */
  maxRangeNs: 31n * 86_400n * 1_000_000_000n,
  /** Most bins one request may ask for. */
  maxBins: 10_000,
  /** Longest dimension, measure or measure name (Timestream: 60 bytes for dimension names, 256 for measure names). */
  maxNameLength: 256,
};

const NS = { ms: 1_000_000n, s: 1_000_000_000n } as const;
const UNIT_NS: Record<string, bigint> = {
  s: NS.s,
  m: 60n * NS.s,
  h: 3_600n * NS.s,
  d: 86_400n * NS.s,
};

/** `90s`, `10m`, `24h`, `7d` in ns. */
export function parseDuration(field: string, text: string): bigint {
  const match = /^([1-9]\d{0,6})(s|m|h|d)$/.exec(text);
  if (!match) {
    throw new QueryParamError(
      field,
      `must be a duration such as 30s, 10m, 24h or 7d; got '${text}'`,
    );
  }
  return BigInt(match[1] as string) * (UNIT_NS[match[2] as string] as bigint);
}

/** An ISO 8601 time with a zone (`2026-11-26T10:00:00Z`), in ns. */
export function parseTime(field: string, text: string): bigint {
  const ms = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$/.test(text)
    ? Date.parse(text)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new QueryParamError(
      field,
      `must be an ISO 8601 time with a zone, e.g. 2026-11-26T10:00:00Z; got '${text}'`,
    );
  }
  return BigInt(ms) * NS.ms;
}

export interface TimeRange {
  from: bigint;
  to: bigint;
}

/** `since=24h` (until now), or `from` (and optionally `to`, default now); 24 h when none is given. */
export function parseRange(params: Readonly<Record<string, string>>, nowNs: bigint): TimeRange {
  const { since, from, to } = params;
  if (since !== undefined && (from !== undefined || to !== undefined)) {
    throw new QueryParamError('since', 'give either since or from/to, not both');
  }
  if (since === undefined && from === undefined && to !== undefined) {
    throw new QueryParamError('from', 'is required with to');
  }
  const range =
    from !== undefined
      ? { from: parseTime('from', from), to: to === undefined ? nowNs : parseTime('to', to) }
      : { from: nowNs - parseDuration('since', since ?? '24h'), to: nowNs };
  if (range.from >= range.to) throw new QueryParamError('from', 'must be before to');
  if (range.to - range.from > LIMITS.maxRangeNs) {
    throw new QueryParamError(since !== undefined ? 'since' : 'from', 'covers more than 31 days');
  }
  return range;
}

/** A dimension, measure or measure name: 1 to 256 characters, no control characters. */
export function parseName(field: string, text: string): string {
  // eslint-disable-next-line no-control-regex
  if (text.length === 0 || text.length > LIMITS.maxNameLength || /[\u0000-\u001f]/.test(text)) {
    throw new QueryParamError(
      field,
      `must be 1 to ${LIMITS.maxNameLength} characters without control characters`,
    );
  }
  return text;
}

/** The query string as single values; a repeated or unknown parameter is refused. */
export function singleParams(
  query: Record<string, unknown>,
  allowed: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!allowed.includes(key)) {
      throw new QueryParamError(key, `is not a parameter here (allowed: ${allowed.join(', ')})`);
    }
    if (typeof value !== 'string') throw new QueryParamError(key, 'must be given once');
    out[key] = value;
  }
  return out;
}
