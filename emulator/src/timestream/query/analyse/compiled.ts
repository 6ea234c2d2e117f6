import type { ValidationException } from '../../protocol/errors.js';
import { at, type Position } from '../errors.js';
import { MAX_TIMESTAMP_NS } from '../types/timestamp.js';
import { BIGINT_MAX, BIGINT_MIN, typeName, type SqlType, type Value } from '../types/values.js';

/**
 * An expression after analysis: its static type and a closure that evaluates it over one row.
 * Closures rather than an AST walk per row, because an aggregate over a day of a 770-turbine fleet
 * evaluates a handful of expressions 1.1 million times.
 */
export interface Compiled {
  type: SqlType;
  eval: (row: unknown) => Value;
}

export function constant(type: SqlType, value: Value): Compiled {
  return { type, eval: () => value };
}

/** Trino's message for an operator over types it does not take. */
export function cannotApply(pos: Position, op: string, types: SqlType[]): ValidationException {
  return at(pos, `Cannot apply operator: ${types.map(typeName).join(` ${op} `)}`);
}

/** BIGINT arithmetic stays within 64 bits, or fails as Trino does. */
export function checkedBigint(value: bigint, pos: Position, what: string): bigint {
  if (value < BIGINT_MIN || value > BIGINT_MAX) throw at(pos, `bigint ${what} overflow`);
  return value;
}

/** "Timestream for LiveAnalytics does not support negative time values" (date-time-functions.html). */
export function checkedTimestamp(value: bigint, pos: Position): bigint {
  if (value < 0n || value > MAX_TIMESTAMP_NS) {
    throw at(pos, 'Timestamp is out of range: Timestream does not support negative time values');
  }
  return value;
}

/** Non-null argument values, typed so that `([a, b]) => ...` needs no checks (at most four). */
export type Args = [Value, Value, Value, Value];

/** Null in, null out: the evaluation of a function or operator over non-null arguments. */
export function strict(type: SqlType, args: Compiled[], fn: (values: Args) => Value): Compiled {
  const [a, b] = args;
  if (args.length === 1 && a) {
    return {
      type,
      eval: (row) => {
        const x = a.eval(row);
        return x === null ? null : fn([x, null, null, null]);
      },
    };
  }
  if (args.length === 2 && a && b) {
    return {
      type,
      eval: (row) => {
        const x = a.eval(row);
        if (x === null) return null;
        const y = b.eval(row);
        return y === null ? null : fn([x, y, null, null]);
      },
    };
  }
  return {
    type,
    eval: (row) => {
      const values = args.map((arg) => arg.eval(row));
      return values.includes(null) ? null : fn(values as unknown as Args);
    },
  };
}
