import type { AggregateQuery } from '../TelemetryStore.js';
import type { TableSchema } from './schema.js';

/**
 * Which names of a grouped read (`aggregate`, `latest`) are columns its SQL may name. Timestream
 * answers a query naming a column the table has never had with a ValidationException ("Column
 * 'x' does not exist", aws/aws-cdk#22062), so names are checked against the table's DESCRIBE
 * first and only real columns of the right kind reach the SQL: dimensions to filter, group by and
 * count, DOUBLE measure columns (a MULTI attribute or `measure_value::double`) to read.
 */
export type ColumnNames = Pick<AggregateQuery, 'dimensions' | 'groupBy' | 'measures' | 'distinct'>;

/** The names that are dimensions of the table, each once. */
export function dimensionColumns(names: readonly string[], schema: TableSchema): string[] {
  return unique(names).filter((name) => schema.get(name)?.attribute === 'DIMENSION');
}

/** The names that are DOUBLE measure columns of the table, each once. */
export function doubleColumns(names: readonly string[], schema: TableSchema): string[] {
  return unique(names).filter((name) => {
    const column = schema.get(name);
    const measure = column?.attribute === 'MULTI' || column?.attribute === 'MEASURE_VALUE';
    return measure && column?.type === 'double';
  });
}

/** Names the query uses that the schema does not know (yet): worth a fresh DESCRIBE. */
export function unknownNames(query: ColumnNames, schema: TableSchema): string[] {
  const names = [
    ...Object.keys(query.dimensions ?? {}),
    ...(query.groupBy ?? []),
    ...(query.measures ?? []),
    ...(query.distinct ?? []),
  ];
  return unique(names).filter((name) => !schema.has(name));
}

const unique = (names: readonly string[]): string[] => [...new Set(names)];
