import { at, type Position } from '../errors.js';
import { compareValues, isNumeric, type SqlType } from '../types/values.js';
import {
  cannotApply,
  checkedBigint,
  checkedTimestamp,
  constant,
  strict,
  type Compiled,
} from './compiled.js';

/**
 * Operators with Trino's typing (trino.io docs, "Comparison", "Mathematical", "Date and time"
 * functions and operators): BIGINT with BIGINT stays BIGINT (integer division truncates toward
 * zero, division by zero fails), any DOUBLE makes DOUBLE (x/0 is Infinity), TIMESTAMP +/- INTERVAL
 * is a TIMESTAMP, TIMESTAMP - TIMESTAMP an INTERVAL. NULL in, NULL out. No implicit cast between
 * VARCHAR and TIMESTAMP: `time > '2024-01-01'` is refused as Trino refuses it; use a TIMESTAMP
 * literal or from_iso8601_timestamp().
 */
export function arithmetic(op: string, l: Compiled, r: Compiled, pos: Position): Compiled {
  const types: [SqlType, SqlType] = [l.type, r.type];
  const result = arithmeticType(op, types);
  if (!result) throw cannotApply(pos, op, types);
  if (l.type === 'UNKNOWN' || r.type === 'UNKNOWN') return constant(result, null);
  if (op === '||') return strict('VARCHAR', [l, r], ([a, b]) => `${a as string}${b as string}`);
  if (result === 'DOUBLE') {
    return strict(result, [l, r], ([a, b]) => doubleOp(op, Number(a), Number(b)));
  }
  if (result === 'TIMESTAMP') {
    const sign = op === '-' ? -1n : 1n;
    return strict(result, [l, r], ([a, b]) =>
      checkedTimestamp((a as bigint) + sign * (b as bigint), pos),
    );
  }
  // BIGINT, or INTERVAL (+ - between intervals or timestamps, * by a BIGINT): exact bigint math.
  return strict(result, [l, r], ([a, b]) => bigintOp(op, a as bigint, b as bigint, pos));
}

function arithmeticType(op: string, [left, right]: [SqlType, SqlType]): SqlType | undefined {
  if (left === 'UNKNOWN' && right === 'UNKNOWN') return 'UNKNOWN';
  // A NULL literal takes the type of the other side.
  const a = left === 'UNKNOWN' ? right : left;
  const b = right === 'UNKNOWN' ? left : right;
  if (op === '||') return a === 'VARCHAR' && b === 'VARCHAR' ? 'VARCHAR' : undefined;
  if (isNumeric(a) && isNumeric(b)) return a === 'BIGINT' && b === 'BIGINT' ? 'BIGINT' : 'DOUBLE';
  const pair = `${a} ${op} ${b}`;
  return TEMPORAL[pair];
}

const TEMPORAL: Record<string, SqlType> = {
  'TIMESTAMP + INTERVAL': 'TIMESTAMP',
  'INTERVAL + TIMESTAMP': 'TIMESTAMP',
  'TIMESTAMP - INTERVAL': 'TIMESTAMP',
  'TIMESTAMP - TIMESTAMP': 'INTERVAL',
  'INTERVAL + INTERVAL': 'INTERVAL',
  'INTERVAL - INTERVAL': 'INTERVAL',
  'INTERVAL * BIGINT': 'INTERVAL',
  'BIGINT * INTERVAL': 'INTERVAL',
};

function doubleOp(op: string, a: number, b: number): number {
  if (op === '+') return a + b;
  if (op === '-') return a - b;
  if (op === '*') return a * b;
  if (op === '/') return a / b;
  return a % b;
}

function bigintOp(op: string, a: bigint, b: bigint, pos: Position): bigint {
  if (op === '+') return checkedBigint(a + b, pos, 'addition');
  if (op === '-') return checkedBigint(a - b, pos, 'subtraction');
  if (op === '*') return checkedBigint(a * b, pos, 'multiplication');
  if (b === 0n) throw at(pos, 'Division by zero');
  return op === '/' ? checkedBigint(a / b, pos, 'division') : a % b;
}

export function negate(x: Compiled, pos: Position): Compiled {
  if (x.type === 'DOUBLE') return strict(x.type, [x], ([a]) => -(a as number));
  if (x.type === 'BIGINT' || x.type === 'INTERVAL') {
    return strict(x.type, [x], ([a]) => checkedBigint(-(a as bigint), pos, 'negation'));
  }
  if (x.type === 'UNKNOWN') return x;
  throw at(pos, `Cannot negate ${x.type.toLowerCase()}`);
}

/** Whether values of the two types may be compared (and tested for equality). */
export function comparable(a: SqlType, b: SqlType): boolean {
  return a === b || a === 'UNKNOWN' || b === 'UNKNOWN' || (isNumeric(a) && isNumeric(b));
}

export function comparison(op: string, l: Compiled, r: Compiled, pos: Position): Compiled {
  if (!comparable(l.type, r.type)) throw cannotApply(pos, op, [l.type, r.type]);
  const test = COMPARE[op];
  if (!test) throw at(pos, `unknown operator ${op}`);
  return {
    type: 'BOOLEAN',
    eval: (row) => {
      const a = l.eval(row);
      if (a === null) return null;
      const b = r.eval(row);
      return b === null ? null : test(compareValues(a, b));
    },
  };
}

const COMPARE: Record<string, (c: number) => boolean> = {
  '=': (c) => c === 0,
  '<>': (c) => c !== 0,
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
};

function requireBoolean(x: Compiled, pos: Position, what: string): void {
  if (x.type !== 'BOOLEAN' && x.type !== 'UNKNOWN') {
    throw at(pos, `${what} must evaluate to a boolean: actual type ${x.type.toLowerCase()}`);
  }
}

/** Three-valued AND/OR: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, otherwise NULL wins. */
export function logical(op: 'AND' | 'OR', l: Compiled, r: Compiled, pos: Position): Compiled {
  requireBoolean(l, pos, `Left side of logical expression`);
  requireBoolean(r, pos, `Right side of logical expression`);
  const decisive = op === 'OR';
  return {
    type: 'BOOLEAN',
    eval: (row) => {
      const a = l.eval(row);
      if (a === decisive) return decisive;
      const b = r.eval(row);
      if (b === decisive) return decisive;
      return a === null || b === null ? null : !decisive;
    },
  };
}

export function not(x: Compiled, pos: Position): Compiled {
  requireBoolean(x, pos, 'Value of logical NOT expression');
  return strict('BOOLEAN', [x], ([a]) => !a);
}
