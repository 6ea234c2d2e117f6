import { at, unsupported, type Position } from '../errors.js';
import { parseDuration } from '../types/interval.js';
import { parseIso8601 } from '../types/timestamp.js';
import { isNumeric, typeName, type SqlType, type Value } from '../types/values.js';
import { checkedTimestamp, constant, strict, type Args, type Compiled } from './compiled.js';
import { dateTrunc } from './dateTrunc.js';

/**
 * Scalar functions: the time functions Timestream queries use most (research §5.3;
 * date-time-functions.html) and a few numeric and string ones. Each has Trino's signatures; a
 * call whose argument types match none is refused with Trino's "Unexpected parameters" message.
 */
interface Signature {
  args: SqlType[];
  result: SqlType;
  /** Over non-null arguments; a NULL argument makes the result NULL. */
  impl: (values: Args, pos: Position) => Value;
}

const NS_PER_MS = 1_000_000n;
const ts = (pos: Position, ns: bigint) => checkedTimestamp(ns, pos);
const sig = (args: SqlType[], result: SqlType, impl: Signature['impl']): Signature => ({
  args,
  result,
  impl,
});

const FUNCTIONS: Record<string, Signature[]> = {
  bin: [
    sig(['TIMESTAMP', 'INTERVAL'], 'TIMESTAMP', ([t, i], pos) => {
      if ((i as bigint) <= 0n) throw at(pos, 'bin() interval must be positive');
      return (t as bigint) - ((t as bigint) % (i as bigint));
    }),
  ],
  from_milliseconds: [sig(['BIGINT'], 'TIMESTAMP', ([n], p) => ts(p, (n as bigint) * NS_PER_MS))],
  from_nanoseconds: [sig(['BIGINT'], 'TIMESTAMP', ([n], p) => ts(p, n as bigint))],
  to_milliseconds: [
    sig(['TIMESTAMP'], 'BIGINT', ([t]) => (t as bigint) / NS_PER_MS),
    sig(['INTERVAL'], 'BIGINT', ([t]) => (t as bigint) / NS_PER_MS),
  ],
  to_nanoseconds: [
    sig(['TIMESTAMP'], 'BIGINT', ([t]) => t),
    sig(['INTERVAL'], 'BIGINT', ([t]) => t),
  ],
  from_iso8601_timestamp: [
    sig(['VARCHAR'], 'TIMESTAMP', ([s], pos) => {
      const ns = parseIso8601(s as string);
      if (ns === undefined) throw at(pos, `Invalid format: "${s as string}"`);
      return ns;
    }),
  ],
  parse_duration: [
    sig(['VARCHAR'], 'INTERVAL', ([s], pos) => {
      const ns = parseDuration(s as string);
      if (ns === undefined)
        throw at(pos, `duration is not a valid data duration string: ${s as string}`);
      return ns;
    }),
  ],
  date_trunc: [
    sig(['VARCHAR', 'TIMESTAMP'], 'TIMESTAMP', ([u, t], p) =>
      dateTrunc(u as string, t as bigint, p),
    ),
  ],
  abs: [
    sig(['BIGINT'], 'BIGINT', ([n]) => ((n as bigint) < 0n ? -(n as bigint) : n)),
    sig(['DOUBLE'], 'DOUBLE', ([n]) => Math.abs(n as number)),
  ],
  // Trino rounds half away from zero; Math.round rounds half up, so round the magnitude.
  round: [
    sig(['BIGINT'], 'BIGINT', ([n]) => n),
    sig(['DOUBLE'], 'DOUBLE', ([n]) => Math.sign(n as number) * Math.round(Math.abs(n as number))),
  ],
  floor: [
    sig(['BIGINT'], 'BIGINT', ([n]) => n),
    sig(['DOUBLE'], 'DOUBLE', ([n]) => Math.floor(n as number)),
  ],
  ceil: [
    sig(['BIGINT'], 'BIGINT', ([n]) => n),
    sig(['DOUBLE'], 'DOUBLE', ([n]) => Math.ceil(n as number)),
  ],
  sqrt: [sig(['DOUBLE'], 'DOUBLE', ([n]) => Math.sqrt(n as number))],
  lower: [sig(['VARCHAR'], 'VARCHAR', ([s]) => (s as string).toLowerCase())],
  upper: [sig(['VARCHAR'], 'VARCHAR', ([s]) => (s as string).toUpperCase())],
  length: [sig(['VARCHAR'], 'BIGINT', ([s]) => BigInt([...(s as string)].length))],
};
FUNCTIONS['ceiling'] = FUNCTIONS['ceil'] as Signature[];

/** Timestream functions this emulator does not implement: refused by name, never guessed at. */
const KNOWN_UNSUPPORTED = new Set(
  (
    'create_time_series unnest interpolate_linear interpolate_fill interpolate_spline_cubic ' +
    'interpolate_locf sequence date_add date_diff date_format to_iso8601 from_unixtime ' +
    'to_unixtime current_timezone extract year month day hour minute second week ' +
    'approx_percentile approx_distinct stddev variance regexp_like regexp_extract concat ' +
    'substr replace split array_agg map_agg arbitrary geometric_mean bool_and bool_or ' +
    'if nullif greatest least try filter reduce transform histogram'
  ).split(' '),
);

export function isKnownFunction(name: string): boolean {
  return name in FUNCTIONS || name === 'now' || name === 'ago' || name === 'coalesce';
}

export function compileFunction(
  name: string,
  args: Compiled[],
  pos: Position,
  nowNs: bigint,
): Compiled {
  if (name === 'now' && args.length === 0) return constant('TIMESTAMP', nowNs);
  if (name === 'ago' && args.length === 1 && accepts('INTERVAL', args[0]?.type)) {
    return strict('TIMESTAMP', args, ([i]) => checkedTimestamp(nowNs - (i as bigint), pos));
  }
  if (name === 'coalesce' && args.length > 0) return coalesce(args, pos);
  const signatures = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!signatures && !isKnownFunction(name)) {
    if (KNOWN_UNSUPPORTED.has(name)) throw unsupported(pos, `Function '${name}'`);
    throw at(pos, `Function '${name}' not registered`);
  }
  const match = signatures?.find(
    (s) => s.args.length === args.length && s.args.every((t, i) => accepts(t, args[i]?.type)),
  );
  if (!match) {
    const given = args.map((a) => typeName(a.type)).join(', ');
    throw at(pos, `Unexpected parameters (${given}) for function ${name}`);
  }
  const coerced = args.map((a, i) => coerce(a, match.args[i] as SqlType));
  return strict(match.result, coerced, (values) => match.impl(values, pos));
}

/** BIGINT into a DOUBLE parameter becomes a double, as in Trino. */
export function coerce(arg: Compiled, to: SqlType): Compiled {
  if (to !== 'DOUBLE' || arg.type !== 'BIGINT') return arg;
  return strict('DOUBLE', [arg], ([v]) => Number(v));
}

/** A NULL literal fits any parameter; a BIGINT fits a DOUBLE one (Trino's implicit coercion). */
function accepts(param: SqlType, given: SqlType | undefined): boolean {
  return given === param || given === 'UNKNOWN' || (param === 'DOUBLE' && given === 'BIGINT');
}

function coalesce(args: Compiled[], pos: Position): Compiled {
  const types = [...new Set(args.map((a) => a.type).filter((t) => t !== 'UNKNOWN'))];
  const numeric = types.length === 2 && types.every(isNumeric);
  if (types.length > 1 && !numeric) {
    throw at(pos, `All COALESCE operands must be the same type: ${types.map(typeName).join(', ')}`);
  }
  const type = numeric ? 'DOUBLE' : (types[0] ?? 'UNKNOWN');
  const operands = args.map((a) => coerce(a, type));
  return {
    type,
    eval: (row) => {
      for (const a of operands) {
        const v = a.eval(row);
        if (v !== null) return v;
      }
      return null;
    },
  };
}
