import { at, unsupported, type Position } from '../errors.js';
import { formatJavaDouble } from '../types/javaDouble.js';
import { parseTimestampLiteral } from '../types/timestamp.js';
import { BIGINT_MAX, BIGINT_MIN, typeName, type SqlType, type Value } from '../types/values.js';
import { constant, strict, type Compiled } from './compiled.js';

/**
 * CAST between the scalar types, with Trino's rules where they are plain: DOUBLE to BIGINT rounds
 * half away from zero, VARCHAR parses (and fails on a bad value), BOOLEAN prints `true`/`false`.
 * Casts whose text forms differ between Trino versions or that we have not checked (DOUBLE or
 * TIMESTAMP to VARCHAR: Trino prints `1.5E0` where older Presto printed `1.5`; anything to or from
 * INTERVAL) are refused rather than guessed.
 */
type Converter = (v: Value, pos: Position) => Value;

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DOUBLE = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*(NaN|[+-]?Infinity)\s*$/;

const CASTS: Record<string, Converter> = {
  'BIGINT>DOUBLE': (v) => Number(v),
  'DOUBLE>BIGINT': (v, pos) => {
    const n = v as number;
    if (!Number.isFinite(n)) throw at(pos, `Cannot cast ${formatJavaDouble(n)} to bigint`);
    return inRange(BigInt(Math.sign(n) * Math.round(Math.abs(n))), pos, String(n));
  },
  'VARCHAR>BIGINT': (v, pos) => {
    if (!INTEGER.test(v as string)) throw at(pos, `Cannot cast '${v as string}' to BIGINT`);
    return inRange(BigInt((v as string).trim()), pos, v as string);
  },
  'VARCHAR>DOUBLE': (v, pos) => {
    if (!DOUBLE.test(v as string)) throw at(pos, `Cannot cast '${v as string}' to DOUBLE`);
    return Number((v as string).trim());
  },
  'VARCHAR>BOOLEAN': (v, pos) => {
    const s = (v as string).trim().toLowerCase();
    if (s === 'true' || s === 'false') return s === 'true';
    throw at(pos, `Cannot cast '${v as string}' to BOOLEAN`);
  },
  'VARCHAR>TIMESTAMP': (v, pos) => {
    const ns = parseTimestampLiteral(v as string);
    if (ns === undefined) throw at(pos, `Value cannot be cast to timestamp: ${v as string}`);
    return ns;
  },
  'BIGINT>VARCHAR': (v) => String(v),
  'BOOLEAN>VARCHAR': (v) => String(v),
  'BIGINT>BOOLEAN': (v) => v !== 0n,
  'DOUBLE>BOOLEAN': (v) => v !== 0,
  'BOOLEAN>BIGINT': (v) => (v ? 1n : 0n),
  'BOOLEAN>DOUBLE': (v) => (v ? 1 : 0),
};

function inRange(n: bigint, pos: Position, text: string): bigint {
  if (n < BIGINT_MIN || n > BIGINT_MAX) throw at(pos, `Out of range for bigint: ${text}`);
  return n;
}

export function compileCast(operand: Compiled, to: SqlType, pos: Position): Compiled {
  if (operand.type === to) return operand;
  if (operand.type === 'UNKNOWN') return constant(to, null);
  const convert = CASTS[`${operand.type}>${to}`];
  if (!convert) throw unsupported(pos, `CAST from ${typeName(operand.type)} to ${typeName(to)}`);
  return strict(to, [operand], ([v]) => convert(v, pos));
}
