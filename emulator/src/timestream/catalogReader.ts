/**
 * What the Query API needs to know about databases and tables, and nothing more. The catalog
 * (emulator/src/timestream/catalog) implements it; the query engine (query/) depends only on this,
 * so the two can change independently.
 */
export interface TableSummary {
  databaseName: string;
  tableName: string;
  /** Records older than now minus this are past the table's retention and are never returned. */
  retentionMs: number;
}

export interface CatalogReader {
  /** Database names, sorted. */
  listDatabases(): Promise<string[]>;
  /** Table names of a database, sorted; undefined when the database does not exist. */
  listTables(databaseName: string): Promise<string[] | undefined>;
  /** undefined when the database or the table does not exist. */
  getTable(databaseName: string, tableName: string): Promise<TableSummary | undefined>;
}
