import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog, DatabaseEntry, TableEntry } from './Catalog.js';
import { CATALOG_FILE, FileCatalog } from './FileCatalog.js';
import { MemoryCatalog } from './MemoryCatalog.js';

function database(name: string): DatabaseEntry {
  return { name, kmsKeyId: 'k', createdAt: 1, updatedAt: 1, tags: [], tables: new Map() };
}

function table(databaseName: string, name: string, hours = 6, days = 1): TableEntry {
  return {
    name,
    databaseName,
    memoryStoreRetentionHours: hours,
    magneticStoreRetentionDays: days,
    magneticStoreWrites: { EnableMagneticStoreWrites: false },
    schema: { CompositePartitionKey: [{ Type: 'MEASURE' }] },
    createdAt: 1,
    updatedAt: 1,
    tags: [],
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wt-catalog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const implementations: [string, () => Promise<Catalog>][] = [
  ['MemoryCatalog', async () => new MemoryCatalog()],
  ['FileCatalog', () => FileCatalog.open(dir)],
];

describe.each(implementations)('%s', (_name, open) => {
  it('answers the CatalogReader questions, sorted, undefined when missing', async () => {
    const catalog = await open();
    await catalog.transact((state) => {
      const db = database('zeta');
      db.tables.set('b_table', table('zeta', 'b_table', 2, 3));
      db.tables.set('a_table', table('zeta', 'a_table'));
      state.databases.set('zeta', db);
      state.databases.set('alpha', database('alpha'));
    });
    expect(await catalog.listDatabases()).toEqual(['alpha', 'zeta']);
    expect(await catalog.listTables('zeta')).toEqual(['a_table', 'b_table']);
    expect(await catalog.listTables('missing')).toBeUndefined();
    expect(await catalog.getTable('zeta', 'b_table')).toEqual({
      databaseName: 'zeta',
      tableName: 'b_table',
      retentionMs: 2 * 3_600_000 + 3 * 86_400_000,
    });
    expect(await catalog.getTable('zeta', 'missing')).toBeUndefined();
    expect(await catalog.getTable('missing', 'a_table')).toBeUndefined();
  });

  it('changes nothing when a transaction throws', async () => {
    const catalog = await open();
    await catalog.transact((state) => void state.databases.set('kept', database('kept')));
    const failing = catalog.transact((state) => {
      state.databases.delete('kept');
      state.databases.set('lost', database('lost'));
      throw new Error('refused');
    });
    await expect(failing).rejects.toThrow('refused');
    expect(await catalog.listDatabases()).toEqual(['kept']);
  });

  it('runs transactions one at a time, so check-then-create cannot race', async () => {
    const catalog = await open();
    const create = () =>
      catalog.transact((state) => {
        if (state.databases.has('db')) return false;
        state.databases.set('db', database('db'));
        return true;
      });
    expect(await Promise.all([create(), create(), create()])).toEqual([true, false, false]);
  });

  it('hands out copies: a snapshot cannot change the catalog', async () => {
    const catalog = await open();
    await catalog.transact((state) => void state.databases.set('db', database('db')));
    (await catalog.snapshot()).databases.clear();
    expect(await catalog.listDatabases()).toEqual(['db']);
  });

  it('takes names that are Object.prototype members', async () => {
    const catalog = await open();
    await catalog.transact((state) => {
      state.databases.set('__proto__', database('__proto__'));
      state.databases.set('constructor', database('constructor'));
    });
    expect(await catalog.listDatabases()).toEqual(['__proto__', 'constructor']);
    expect(await catalog.listTables('toString')).toBeUndefined();
  });
});

describe('FileCatalog', () => {
  it('keeps databases, tables and tags across a reopen', async () => {
    const first = await FileCatalog.open(dir);
    await first.transact((state) => {
      const db = { ...database('db'), tags: [{ Key: 'k', Value: 'v' }] };
      db.tables.set('tbl', table('db', 'tbl'));
      state.databases.set('db', db);
    });
    await first.close();
    const second = await FileCatalog.open(dir);
    const state = await second.snapshot();
    expect(state.databases.get('db')?.tags).toEqual([{ Key: 'k', Value: 'v' }]);
    expect(state.databases.get('db')?.tables.get('tbl')).toEqual(table('db', 'tbl'));
  });

  it('replaces the file by rename and leaves no temporary file', async () => {
    const catalog = await FileCatalog.open(dir);
    await catalog.transact((state) => void state.databases.set('db', database('db')));
    await catalog.transact((state) => void state.databases.delete('db'));
    expect(await readdir(dir)).toEqual([CATALOG_FILE]);
    const saved = JSON.parse(await readFile(join(dir, CATALOG_FILE), 'utf8')) as unknown;
    expect(saved).toEqual({ version: 1, databases: [] });
  });

  it('refuses to start on a file that is not a catalog, naming the file', async () => {
    await writeFile(join(dir, CATALOG_FILE), '{ not json');
    await expect(FileCatalog.open(dir)).rejects.toThrow(CATALOG_FILE);
    await writeFile(join(dir, CATALOG_FILE), '{"version": 7}');
    await expect(FileCatalog.open(dir)).rejects.toThrow('version 1');
  });

  it('creates a missing data directory', async () => {
    const nested = join(dir, 'a', 'b');
    const catalog = await FileCatalog.open(nested);
    await catalog.transact((state) => void state.databases.set('db', database('db')));
    expect(await readdir(nested)).toEqual([CATALOG_FILE]);
  });
});
