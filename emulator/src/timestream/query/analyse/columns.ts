import type { TelemetryRecord } from '../../../../../app/src/telemetry/record.js';
import type { SqlType, Value } from '../types/values.js';
import type { Compiled } from './compiled.js';
import type { ColumnDef } from './schema.js';

/**
 * How a column reads one record (research §5.2): a row is one record, and a cell the record does
 * not have is NULL, e.g. `measure_value::double` of a VARCHAR record or `power_kw` of a record
 * that did not write it. Values arrive as the strings of the record model
 * (app/src/telemetry/record.ts: canonical BIGINT, lower-case BOOLEAN, TIMESTAMP as ns digits).
 */
export function columnAccessor(def: ColumnDef): Compiled {
  const { name, type } = def;
  const read = parser(type);
  switch (def.role) {
    case 'time':
      return { type, eval: (r) => (r as TelemetryRecord).time };
    case 'measure_name':
      return { type, eval: (r) => (r as TelemetryRecord).measureName };
    case 'dimension':
      return {
        type,
        eval: (r) => {
          for (const d of (r as TelemetryRecord).dimensions) if (d.name === name) return d.value;
          return null;
        },
      };
    case 'single':
      return {
        type,
        eval: (r) => {
          const m = (r as TelemetryRecord).measure;
          return m.kind === 'single' && m.type === type ? read(m.value) : null;
        },
      };
    case 'multi':
      return {
        type,
        eval: (r) => {
          const m = (r as TelemetryRecord).measure;
          if (m.kind !== 'multi') return null;
          for (const v of m.values)
            if (v.name === name) return v.type === type ? read(v.value) : null;
          return null;
        },
      };
  }
}

function parser(type: SqlType): (text: string) => Value {
  switch (type) {
    case 'DOUBLE':
      return Number;
    case 'BIGINT':
    case 'TIMESTAMP':
      return BigInt;
    case 'BOOLEAN':
      return (text) => text.toLowerCase() === 'true';
    default:
      return (text) => text;
  }
}
