import type { TableRef, TelemetryStore } from '../../../../../app/src/storage/TelemetryStore.js';
import { TableSchema } from './schema.js';

/**
 * Columns learned so far, per store and table. Learning a schema means reading every record in
 * the table's retention window (a "scan"), so we remember what we saw: a column once seen stays
 * known (as in Timestream, whose schema only grows). The cache decides which WHERE conjuncts may
 * be pushed to the store as dimension filters, and saves a scan when a query names columns it
 * already knows. `SELECT *` scans once per table and process, then lists the columns known from
 * that scan (and later DESCRIBEs, which always scan) plus those of the rows it returns: a column
 * first written since, in rows the query does not return, is missing from its column list.
 *
 * Known limit: a table deleted and created again under the same name keeps the old table's
 * columns here until the process restarts (the CatalogReader does not expose a creation time).
 */
const MAX_TABLES = 1_000;
interface Known {
  schema: TableSchema;
  /** Whether a whole retention window has been read for this table. */
  scanned: boolean;
}

const caches = new WeakMap<TelemetryStore, Map<string, Known>>();

function tablesOf(store: TelemetryStore): Map<string, Known> {
  let tables = caches.get(store);
  if (!tables) caches.set(store, (tables = new Map()));
  return tables;
}

const keyOf = (table: TableRef) => JSON.stringify([table.database, table.table]);

/** A copy of what is known about the table (an empty schema when nothing is). */
export function knownSchema(store: TelemetryStore, table: TableRef): Known {
  const known = tablesOf(store).get(keyOf(table));
  return { schema: known?.schema.clone() ?? new TableSchema(), scanned: known?.scanned ?? false };
}

/** Adds what a query learned; the oldest table is forgotten past MAX_TABLES. */
export function rememberSchema(
  store: TelemetryStore,
  table: TableRef,
  schema: TableSchema,
  scanned: boolean,
): void {
  const tables = tablesOf(store);
  const key = keyOf(table);
  const known = tables.get(key);
  tables.delete(key);
  // The query's schema started from the known one, so its order (rebased by a scan) wins.
  tables.set(key, {
    schema: known ? schema.clone().merge(known.schema) : schema.clone(),
    scanned: scanned || (known?.scanned ?? false),
  });
  if (tables.size > MAX_TABLES) tables.delete(tables.keys().next().value as string);
}
