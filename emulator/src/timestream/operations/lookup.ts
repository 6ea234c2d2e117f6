import type { CatalogState, DatabaseEntry, TableEntry } from '../catalog/Catalog.js';
import { ResourceNotFoundException } from '../protocol/errors.js';

/**
 * Finding a database or table, with AWS's not-found messages, verified against AWS by moto's
 * tests (`tests/test_timestreamwrite/test_timestreamwrite_database.py` and `..._table.py`,
 * marked @aws_verified; research §2.1): "The database X does not exist." and
 * "The table X does not exist."
 */
export function requireDatabase(state: CatalogState, name: string): DatabaseEntry {
  const database = state.databases.get(name);
  if (!database) throw new ResourceNotFoundException(`The database ${name} does not exist.`);
  return database;
}

export function requireTable(state: CatalogState, databaseName: string, name: string): TableEntry {
  const table = requireDatabase(state, databaseName).tables.get(name);
  if (!table) throw new ResourceNotFoundException(`The table ${name} does not exist.`);
  return table;
}
