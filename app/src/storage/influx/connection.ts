import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { InfluxDB } from 'influx';
import { StoreUnavailableError } from '../TelemetryStore.js';
import { RETRY_AFTER_SECONDS, toStorageError } from './errors.js';
import type { WriteCoalescer } from './writeCoalescer.js';

export interface InfluxStoreConfig {
  /** e.g. `http://localhost:8086`; user and password may be given in the URL. */
  url: string;
  /** Every request fails as unavailable after this long; default 5000. */
  timeoutMs?: number;
}

/** Either a ready client or the config to build one, not both. */
export type InfluxStoreOptions =
  (InfluxStoreConfig & { client?: never }) | { client: InfluxDB; timeoutMs?: number; url?: never };

export const DEFAULT_TIMEOUT_MS = 5000;

/** The part of node-influx's (internal) request pool that its writePoints uses. */
interface RequestPool {
  discard(request: {
    method: string;
    path: string;
    query: Record<string, string>;
    body: string;
    auth?: string;
  }): Promise<void>;
}

export interface Series {
  name: string;
  /** The GROUP BY tags of this series (keys and values as stored). */
  tags?: Record<string, string>;
  columns: string[];
  values?: unknown[][];
}

/** One statement's result; InfluxDB reports statement failures here, not as an HTTP error. */
export interface StatementResult {
  series?: Series[];
  error?: string;
}

/**
 * The adapter's only door to InfluxDB: every call has a deadline and every failure comes out as
 * the port's error (errors.ts), so a hung or dead server never hangs a caller.
 */
export class InfluxConnection {
  readonly timeoutMs: number;
  private readonly client: InfluxDB;
  private readonly agent: HttpAgent | undefined;

  constructor(
    options: InfluxStoreOptions,
    /** Merges concurrent writes into fewer requests (writeCoalescer.ts); none: one each. */
    private readonly coalescer?: WriteCoalescer,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(this.timeoutMs > 0)) throw new TypeError(`timeoutMs must be > 0, got ${this.timeoutMs}`);
    if (options.client && options.url !== undefined) {
      throw new TypeError('InfluxTelemetryStore takes a client or a url, not both');
    }
    if (options.client) {
      this.client = options.client;
    } else {
      if (!options.url) throw new TypeError('InfluxTelemetryStore needs a url (or a client)');
      const built = buildClient(options.url, this.timeoutMs);
      this.client = built.client;
      this.agent = built.agent;
    }
  }

  /** Runs statements (joined by `;`, one HTTP request) and returns one result per statement. */
  async query(
    statements: string | readonly string[],
    database: string,
  ): Promise<StatementResult[]> {
    const q = typeof statements === 'string' ? statements : statements.join(';\n');
    const abort = new AbortController();
    const response = (await this.deadline('query', abort, () =>
      // POST: long WHERE clauses would not fit a URL; InfluxDB 1.x accepts any statement by POST.
      this.client.queryRaw(q, { database, method: 'POST', signal: abort.signal }),
    )) as { results?: StatementResult[] };
    return response.results ?? [];
  }

  /**
   * Writes line protocol (mapping.ts `toLine`, one line per point, timestamps in ns). Sent through
   * node-influx's own request pool, as its writePoints does after building the same text: the
   * same host, credentials, timeouts and errors, without its per-point objects and escaping.
   */
  async write(lines: string, database: string, count: number): Promise<void> {
    const send = (body: string) => this.send(body, database);
    // A write still queued when its deadline passes is withdrawn, so it cannot land later.
    const abort = new AbortController();
    await this.deadline('write', abort, () =>
      this.coalescer
        ? this.coalescer.write(database, lines, count, send, abort.signal)
        : send(lines),
    );
  }

  private send(body: string, database: string): Promise<void> {
    const pool = (this.client as unknown as { _pool: RequestPool })._pool;
    const auth = this.auth();
    return pool.discard({
      method: 'POST',
      path: '/write',
      query: { db: database, precision: 'n' },
      body,
      ...(auth === undefined ? {} : { auth }),
    });
  }

  private auth(): string | undefined {
    const options = (
      this.client as unknown as { _options: { username?: unknown; password?: unknown } }
    )._options;
    return typeof options.username === 'string'
      ? `${options.username}:${typeof options.password === 'string' ? options.password : ''}`
      : undefined;
  }

  /** `GET /ping` within the timeout. */
  async ping(): Promise<void> {
    const hosts = await this.deadline('ping', undefined, () => this.client.ping(this.timeoutMs));
    if (!hosts.some((h) => h.online)) {
      throw new StoreUnavailableError('InfluxDB did not answer /ping', RETRY_AFTER_SECONDS);
    }
  }

  /** Frees the sockets of a client built here; a client passed in belongs to its owner. */
  close(): void {
    this.agent?.destroy();
  }

  private async deadline<T>(
    action: string,
    abort: AbortController | undefined,
    run: () => Promise<T>,
  ): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abort?.abort();
        reject(
          new StoreUnavailableError(
            `InfluxDB did not answer (${action}) within ${this.timeoutMs} ms`,
            RETRY_AFTER_SECONDS,
          ),
        );
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([run(), expired]);
    } catch (error) {
      throw toStorageError(error, action);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Never takes the host out of node-influx's pool: with one host that only delays recovery. */
const NO_BACKOFF = {
  getDelay: () => 0,
  next() {
    return NO_BACKOFF;
  },
  reset() {
    return NO_BACKOFF;
  },
};

function buildClient(url: string, timeoutMs: number): { client: InfluxDB; agent: HttpAgent } {
  const parsed = new URL(url);
  const https = parsed.protocol === 'https:';
  if (!https && parsed.protocol !== 'http:') {
    throw new TypeError(`InfluxDB url must be http:// or https://, got ${url}`);
  }
  const agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const client = new InfluxDB({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : https ? 443 : 80,
    protocol: https ? 'https' : 'http',
    path: parsed.pathname.replace(/\/+$/, ''),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    options: { agent, timeout: timeoutMs },
    // Our callers decide about retries; node-influx's would multiply the timeout.
    pool: { maxRetries: 0, requestTimeout: timeoutMs, backoff: NO_BACKOFF },
  });
  return { client, agent };
}
