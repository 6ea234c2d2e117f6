import { at, unsupported, type Position } from '../errors.js';
import {
  compareValues,
  isNumeric,
  tupleKey,
  typeName,
  type SqlType,
  type Value,
} from '../types/values.js';
import { checkedBigint } from './compiled.js';

/**
 * Aggregate functions as Trino defines them (trino.io "Aggregate functions"): NULL inputs are
 * ignored; over no input, count is 0 and every other aggregate NULL. Result types: count BIGINT,
 * avg DOUBLE, sum BIGINT over BIGINT and DOUBLE over DOUBLE, min/max and min_by/max_by the type
 * of their value. The state is a few numbers per group, so a query over a million rows keeps
 * only one accumulator per group in memory.
 */
export interface Accumulator {
  add(value: Value, by: Value): void;
  result(): Value;
}

export interface AggregateSpec {
  type: SqlType;
  create(): Accumulator;
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'min_by', 'max_by']);
const UNSUPPORTED_AGGREGATES = new Set([
  'approx_percentile',
  'approx_distinct',
  'arbitrary',
  'array_agg',
  'bool_and',
  'bool_or',
  'create_time_series',
  'geometric_mean',
  'histogram',
  'map_agg',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'variance',
  'var_pop',
  'var_samp',
  'count_if',
  'every',
  'checksum',
]);

export function isAggregate(name: string): boolean {
  return AGGREGATES.has(name) || UNSUPPORTED_AGGREGATES.has(name);
}

/** The aggregate `name` over arguments of these types (empty for count(*)). */
export function aggregateSpec(
  name: string,
  argTypes: SqlType[],
  distinct: boolean,
  pos: Position,
): AggregateSpec {
  if (UNSUPPORTED_AGGREGATES.has(name)) throw unsupported(pos, `Aggregate function '${name}'`);
  const [t, by] = argTypes;
  const spec = specFor(name, argTypes, t, by, pos);
  if (!spec) {
    throw at(
      pos,
      `Unexpected parameters (${argTypes.map(typeName).join(', ')}) for function ${name}`,
    );
  }
  return distinct && name !== 'min' && name !== 'max' ? withDistinct(spec) : spec;
}

function specFor(
  name: string,
  argTypes: SqlType[],
  t: SqlType | undefined,
  by: SqlType | undefined,
  pos: Position,
): AggregateSpec | undefined {
  if (name === 'count' && argTypes.length <= 1) return { type: 'BIGINT', create: count };
  if (argTypes.length === 2 && (name === 'min_by' || name === 'max_by') && t && by) {
    return { type: t, create: () => extremeBy(name === 'max_by' ? 1 : -1) };
  }
  if (argTypes.length !== 1 || !t) return undefined;
  if ((name === 'min' || name === 'max') && t !== 'INTERVAL') {
    return { type: t, create: () => extreme(name === 'max' ? 1 : -1) };
  }
  if (name === 'avg' && (isNumeric(t) || t === 'UNKNOWN')) return { type: 'DOUBLE', create: avg };
  if (name === 'sum' && t === 'BIGINT') return { type: 'BIGINT', create: () => sumBigint(pos) };
  if (name === 'sum' && (t === 'DOUBLE' || t === 'UNKNOWN'))
    return { type: 'DOUBLE', create: sumDouble };
  return undefined;
}

function count(): Accumulator {
  let n = 0n;
  return { add: (v) => void (v !== null && n++), result: () => n };
}

function avg(): Accumulator {
  let sum = 0;
  let n = 0;
  return {
    add: (v) => {
      if (v === null) return;
      sum += Number(v);
      n++;
    },
    result: () => (n === 0 ? null : sum / n),
  };
}

function sumDouble(): Accumulator {
  let sum: number | null = null;
  return { add: (v) => void (v !== null && (sum = (sum ?? 0) + Number(v))), result: () => sum };
}

function sumBigint(pos: Position): Accumulator {
  let sum: bigint | null = null;
  return {
    add: (v) => {
      if (v !== null) sum = checkedBigint((sum ?? 0n) + (v as bigint), pos, 'addition');
    },
    result: () => sum,
  };
}

/** max when direction is 1, min when -1. */
function extreme(direction: number): Accumulator {
  let best: Value = null;
  return {
    add: (v) => {
      if (v !== null && (best === null || compareValues(v, best) * direction > 0)) best = v;
    },
    result: () => best,
  };
}

/** max_by(x, y) / min_by(x, y): the x of the row with the largest / smallest y (first on ties). */
function extremeBy(direction: number): Accumulator {
  let best: Value = null;
  let bestBy: Value = null;
  return {
    add: (v, by) => {
      if (by !== null && (bestBy === null || compareValues(by, bestBy) * direction > 0)) {
        best = v;
        bestBy = by;
      }
    },
    result: () => best,
  };
}

function withDistinct(spec: AggregateSpec): AggregateSpec {
  return {
    type: spec.type,
    create: () => {
      const inner = spec.create();
      const seen = new Set<string>();
      return {
        add: (v, by) => {
          const key = tupleKey([v]);
          if (v === null || seen.has(key)) return;
          seen.add(key);
          inner.add(v, by);
        },
        result: () => inner.result(),
      };
    },
  };
}
