import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogState, DatabaseEntry, TableEntry } from './Catalog.js';
import { MemoryCatalog } from './MemoryCatalog.js';

/**
 * The catalog kept in `<dataDir>/catalog.json`, so that databases and tables survive a restart of
 * the server when their records live in InfluxDB. Every change is written to a temporary file,
 * flushed, and renamed over the old file (rename is atomic on one file system), so a crash leaves
 * either the old catalog or the new one, never half of one.
 *
 * @example
 * const catalog = await FileCatalog.open('.windtunnel/timestream');
 */
export class FileCatalog extends MemoryCatalog {
  private writes = 0;

  private constructor(
    readonly file: string,
    initial: CatalogState,
  ) {
    super(initial);
  }

  static async open(dataDir: string): Promise<FileCatalog> {
    await mkdir(dataDir, { recursive: true });
    const file = join(dataDir, CATALOG_FILE);
    return new FileCatalog(file, await load(file));
  }

  protected override async persist(state: CatalogState): Promise<void> {
    const temporary = `${this.file}.${process.pid}.${++this.writes}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(toJson(state), null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }
}

export const CATALOG_FILE = 'catalog.json';

interface CatalogFile {
  version: 1;
  databases: (Omit<DatabaseEntry, 'tables'> & { tables: TableEntry[] })[];
}

function toJson(state: CatalogState): CatalogFile {
  return {
    version: 1,
    databases: [...state.databases.values()].map((db) => ({
      ...db,
      tables: [...db.tables.values()],
    })),
  };
}

async function load(file: string): Promise<CatalogState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { databases: new Map() };
    throw error;
  }
  let parsed: CatalogFile;
  try {
    parsed = JSON.parse(text) as CatalogFile;
  } catch (error) {
    throw new Error(`${file} is not valid JSON; move it away to start with an empty catalog`, {
      cause: error,
    });
  }
  if (parsed.version !== 1 || !Array.isArray(parsed.databases)) {
    throw new Error(`${file} is not a windtunnel Timestream catalog (version 1)`);
  }
  return {
    databases: new Map(
      parsed.databases.map((db) => [
        db.name,
        { ...db, tables: new Map(db.tables.map((t) => [t.name, t])) },
      ]),
    ),
  };
}
