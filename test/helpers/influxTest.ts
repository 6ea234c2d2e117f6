import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';

/**
 * Helpers for suites that need a real InfluxDB 1.x. The URL comes from
 * test/setup/influx.globalSetup.ts; it is '' when no InfluxDB was found, and then every
 * `describeWithInflux` suite is skipped (CI fails in globalSetup instead).
 *
 * @example
 * describeWithInflux('InfluxTelemetryStore', () => {
 *   const db = useTestDatabase('store');
 *   it('writes', async () => {
 *     const store = new InfluxTelemetryStore({ url: influxUrl });
 *     await store.write({ database: db.name, table: 'telemetry' }, records);
 *     const rows = await influxQuery('SELECT count(*) FROM "telemetry"', db.name);
 *   });
 * });
 */
export const influxUrl: string = inject('influxUrl');

/** `describe`, skipped when no InfluxDB is available. */
export function describeWithInflux(name: string, fn: () => void): void {
  describe.skipIf(!influxUrl)(name, fn);
}

/** A database name no other test file or run uses: `<prefix>_<pid>_<random>`. */
export function uniqueDatabaseName(prefix = 'test'): string {
  return `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/**
 * Creates a uniquely named database before the suite's tests and drops it after them.
 * Call it inside a `describe`; read `.name` inside hooks and tests.
 */
export function useTestDatabase(prefix = 'test', url = influxUrl): { readonly name: string } {
  const name = uniqueDatabaseName(prefix);
  beforeAll(async () => {
    await influxQuery(`CREATE DATABASE ${quoteIdentifier(name)}`, undefined, url);
  });
  afterAll(async () => {
    await influxQuery(`DROP DATABASE ${quoteIdentifier(name)}`, undefined, url);
  });
  return { name };
}

export interface InfluxSeries {
  name: string;
  columns: string[];
  values: unknown[][];
  tags?: Record<string, string>;
}

/**
 * Runs one InfluxQL statement over HTTP (POST /query) and returns its series. Throws when
 * InfluxDB reports an error, so a test cannot mistake a failed query for an empty result.
 */
export async function influxQuery(
  query: string,
  database?: string,
  url = influxUrl,
): Promise<InfluxSeries[]> {
  const body = new URLSearchParams({ q: query, ...(database ? { db: database } : {}) });
  const response = await fetch(`${url}/query`, {
    method: 'POST',
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`InfluxDB answered ${response.status}: ${text}`);
  const parsed = JSON.parse(text) as {
    results?: { error?: string; series?: InfluxSeries[] }[];
    error?: string;
  };
  const result = parsed.results?.[0];
  const error = parsed.error ?? result?.error;
  if (error) throw new Error(`InfluxDB query failed: ${error} (query: ${query})`);
  return result?.series ?? [];
}

/** InfluxQL double-quoted identifier. */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
