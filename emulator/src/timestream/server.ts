import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TelemetryStore } from '../../../app/src/storage/TelemetryStore.js';
import type { Catalog } from './catalog/Catalog.js';
import { MemoryCatalog } from './catalog/MemoryCatalog.js';
import { dispatch, type OperationContext } from './operations/index.js';
import { defaultEngineLoader, type QueryEngineLoader } from './operations/queryApi.js';
import { serializeError, toTimestreamError, UnknownOperationException } from './protocol/errors.js';
import { operationOf, parseJsonObject, readBody, regionOf } from './protocol/request.js';

export interface TimestreamServerOptions {
  /** Where records go: the same storage port the app uses (memory or InfluxDB). */
  store: TelemetryStore;
  /** Databases and tables; a fresh MemoryCatalog by default. */
  catalog?: Catalog;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** ms since the epoch; the clock for retention windows and CreationTime. */
  now?: () => number;
  log?: (line: string) => void;
  /** Region for ARNs when a request carries no SigV4 scope. Default us-east-1. */
  region?: string;
  /** Account id in ARNs. Default 123456789012. */
  accountId?: string;
  /** Request bodies above this many bytes are refused with HTTP 413. Default 10 MB. */
  maxBodyBytes?: number;
  /** How the Query API engine is loaded; for tests. Default: import('./query/index.js'). */
  loadQueryEngine?: QueryEngineLoader;
}

export interface TimestreamServer {
  url: string;
  port: number;
  /** Stops listening and waits for in-flight requests and catalog writes. The store is the
   * caller's: close it yourself. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const JSON_10 = 'application/x-amz-json-1.0';

/**
 * The Timestream Write and Query APIs on one HTTP endpoint (AWS JSON 1.0), backed by the storage
 * port. Point any AWS SDK at it with an explicit endpoint; it accepts any credentials and region
 * and never calls AWS.
 *
 * @example
 * const server = await startTimestreamServer({ store: new InMemoryTelemetryStore(), port: 8787 });
 * const client = new TimestreamWriteClient({ endpoint: server.url, region: 'us-east-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
 * await client.send(new CreateDatabaseCommand({ DatabaseName: 'windtunnel' }));
 * await server.close();
 */
export async function startTimestreamServer(
  options: TimestreamServerOptions,
): Promise<TimestreamServer> {
  const catalog = options.catalog ?? new MemoryCatalog();
  const settings = {
    catalog,
    store: options.store,
    now: options.now ?? Date.now,
    log: options.log ?? (() => {}),
    region: options.region ?? 'us-east-1',
    accountId: options.accountId ?? '123456789012',
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    loadQueryEngine: options.loadQueryEngine ?? defaultEngineLoader(),
  };
  const server = createServer((req, res) => void handle(req, res, settings));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      await catalog.close();
    },
  };
}

type Settings = Omit<OperationContext, 'region' | 'host' | 'userAgent'> & {
  region: string;
  maxBodyBytes: number;
  loadQueryEngine: QueryEngineLoader;
};

async function handle(req: IncomingMessage, res: ServerResponse, settings: Settings) {
  const requestId = randomUUID();
  let operation = '-';
  try {
    if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
      req.resume();
      throw new UnknownOperationException(
        `${req.method} ${req.url} is not a Timestream API call; send POST / with X-Amz-Target.`,
      );
    }
    // The body is read first, so that every answer leaves the connection clean for keep-alive.
    const body = await readBody(req, settings.maxBodyBytes);
    operation = operationOf(header(req, 'x-amz-target'));
    const input = parseJsonObject(body);
    const context: OperationContext = {
      ...settings,
      region: regionOf(header(req, 'authorization')) ?? settings.region,
      host: header(req, 'host'),
      userAgent: header(req, 'user-agent'),
    };
    const output = await dispatch(operation, input, context, settings.loadQueryEngine);
    send(res, 200, JSON.stringify(output ?? {}), requestId);
  } catch (thrown) {
    const error = toTimestreamError(thrown);
    // Server faults are the operator's to see; client errors are the caller's answer only.
    if (error.status >= 500) settings.log(`${requestId} ${operation} failed: ${describe(thrown)}`);
    const { status, body } = serializeError(error);
    // A refused oversized body is not read to its end: close the connection after answering.
    send(res, status, body, requestId, status === 413);
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  requestId: string,
  close = false,
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    'content-type': JSON_10,
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': requestId,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
