import { knownSchema, rememberSchema } from '../analyse/schemaCache.js';
import { likeRegExp } from '../analyse/like.js';
import type { QueryContext, QueryLimits } from '../context.js';
import { at } from '../errors.js';
import type { DescribeTable, ShowDatabases, ShowTables } from '../sql/ast.js';
import type { SelectResult } from './select.js';
import { bytesScanned } from '../response/respond.js';
import { scanTable } from './fetch.js';
import { resolveTable } from './table.js';

/**
 * SHOW DATABASES [LIKE p], SHOW TABLES FROM db [LIKE p] (supported-sql-constructs.SHOW.html) and
 * DESCRIBE db.table. Column names: DESCRIBE's `Column`, `Type`, `Timestream attribute type` are
 * recorded (test/fixtures/timestream/query.describe.*.json, which app/src/storage/timestream/
 * schema.ts parses); SHOW's `Database` and `Table` are unconfirmed (wagner/timestream-local
 * answers so; Trino names SHOW TABLES' column `Table` too).
 */
export async function showDatabases(
  statement: ShowDatabases,
  ctx: QueryContext,
): Promise<SelectResult> {
  const names = filter(await ctx.catalog.listDatabases(), statement.like);
  return {
    columns: [{ name: 'Database', type: 'VARCHAR' }],
    rows: names.map((n) => [n]),
    bytesScanned: 0,
  };
}

export async function showTables(statement: ShowTables, ctx: QueryContext): Promise<SelectResult> {
  const tables = await ctx.catalog.listTables(statement.database);
  if (tables === undefined) {
    throw at(statement.pos, `Database '${statement.database}' does not exist`);
  }
  const names = filter(tables, statement.like);
  return {
    columns: [{ name: 'Table', type: 'VARCHAR' }],
    rows: names.map((n) => [n]),
    bytesScanned: 0,
  };
}

/** Lower-case type names and upper-case attribute types, as the recorded DESCRIBE outputs show. */
const ATTRIBUTE: Record<string, string> = {
  dimension: 'DIMENSION',
  measure_name: 'MEASURE_NAME',
  time: 'TIMESTAMP',
  single: 'MEASURE_VALUE',
  multi: 'MULTI',
};

export async function describe(
  statement: DescribeTable,
  ctx: QueryContext,
  nowNs: bigint,
  limits: QueryLimits,
): Promise<SelectResult> {
  const { table, window } = await resolveTable(ctx, statement.table, nowNs);
  const records = await scanTable(ctx.store, table, window, limits.maxRecords);
  const schema = knownSchema(ctx.store, table).schema.rebase(records);
  rememberSchema(ctx.store, table, schema, true);
  return {
    columns: [
      { name: 'Column', type: 'VARCHAR' },
      { name: 'Type', type: 'VARCHAR' },
      { name: 'Timestream attribute type', type: 'VARCHAR' },
    ],
    rows: schema.columns().map((c) => [c.name, c.type.toLowerCase(), ATTRIBUTE[c.role] ?? c.role]),
    bytesScanned: bytesScanned(records),
  };
}

function filter(names: string[], like: string | undefined): string[] {
  if (like === undefined) return names;
  const re = likeRegExp(like);
  return names.filter((n) => re.test(n));
}
