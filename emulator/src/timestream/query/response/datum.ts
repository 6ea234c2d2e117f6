import { formatJavaDouble } from '../types/javaDouble.js';
import { formatTimestamp } from '../types/timestamp.js';
import type { SqlType, Value } from '../types/values.js';

/**
 * Values on the wire (model `Datum`, `ColumnInfo`): every scalar is a string in `ScalarValue`,
 * NULL is `{"NullValue": true}` (research §5.2). DOUBLE as Java prints it, TIMESTAMP as
 * `YYYY-MM-DD HH:MM:SS.nnnnnnnnn`, BOOLEAN `true`/`false`, BIGINT in decimal.
 */
export type Datum = { ScalarValue: string } | { NullValue: true };

/** Model `ScalarType` values the engine answers (INTERVAL results are refused before this). */
export type ScalarType =
  'VARCHAR' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'TIMESTAMP' | 'UNKNOWN' | 'INTERVAL_DAY_TO_SECOND';

export interface ColumnInfo {
  Name: string;
  Type: { ScalarType: ScalarType };
}

const NULL: Datum = { NullValue: true };

export function toDatum(value: Value, type: SqlType): Datum {
  if (value === null) return NULL;
  switch (type) {
    case 'DOUBLE':
      return { ScalarValue: formatJavaDouble(value as number) };
    case 'TIMESTAMP':
      return { ScalarValue: formatTimestamp(value as bigint) };
    default:
      return { ScalarValue: String(value) };
  }
}

export function columnInfo(name: string, type: SqlType): ColumnInfo {
  return {
    Name: name,
    Type: { ScalarType: type === 'INTERVAL' ? 'INTERVAL_DAY_TO_SECOND' : type },
  };
}
