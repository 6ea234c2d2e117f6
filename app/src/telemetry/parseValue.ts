import { LIMITS } from './limits.js';
import type { MultiValueType } from './record.js';

const INTEGER = /^[+-]?\d+$/;
// A decimal or exponent literal, as Java's Double.parseDouble (Timestream's parser) would take it,
// without hex floats, NaN or Infinity.
const DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Checks that `value` parses as `type` and returns its canonical spelling, or a reason why not.
 * Canonical: BOOLEAN lower-case, BIGINT/TIMESTAMP without a leading "+" or zeros; DOUBLE and VARCHAR
 * are kept as sent.
 */
export function parseMeasureValue(
  type: MultiValueType,
  value: string,
): { ok: true; value: string } | { ok: false; reason: string } {
  switch (type) {
    case 'DOUBLE': {
      if (!DOUBLE.test(value) || !Number.isFinite(Number(value))) {
        return { ok: false, reason: `'${clip(value)}' is not a finite DOUBLE` };
      }
      return { ok: true, value };
    }
    case 'BIGINT':
    case 'TIMESTAMP': {
      if (!INTEGER.test(value)) return { ok: false, reason: `'${clip(value)}' is not an integer` };
      const n = BigInt(value);
      if (n < LIMITS.minBigint || n > LIMITS.maxBigint) {
        return { ok: false, reason: `'${clip(value)}' is outside the signed 64-bit range` };
      }
      if (type === 'TIMESTAMP' && n < 0n) {
        return { ok: false, reason: 'a TIMESTAMP cannot be negative' };
      }
      return { ok: true, value: n.toString() };
    }
    case 'BOOLEAN': {
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') {
        return { ok: false, reason: `'${clip(value)}' is not a BOOLEAN (true or false)` };
      }
      return { ok: true, value: lower };
    }
    case 'VARCHAR':
      return { ok: true, value };
  }
}

/** Keeps error messages short when the offending value is huge. */
export function clip(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}...` : value;
}

export function utf8Bytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
