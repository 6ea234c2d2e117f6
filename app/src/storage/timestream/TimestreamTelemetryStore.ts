import { ListDatabasesCommand } from '@aws-sdk/client-timestream-write';
import type { TelemetryRecord } from '../../telemetry/record.js';
import type {
  AggregateQuery,
  AggregateRow,
  LatestQuery,
  LatestRow,
  RecordQuery,
  StorageBackend,
  TableRef,
  TelemetryStore,
  WriteResult,
} from '../TelemetryStore.js';
import { aggregateRecords } from './aggregate.js';
import { isRetryable, toStorageError, unavailable } from './errors.js';
import { latestRecords } from './latest.js';
import {
  resolveClients,
  resolveConcurrency,
  resolveRetryPolicy,
  type TimestreamClients,
  type TimestreamStoreOptions,
} from './options.js';
import { describeTable, queryRecords, type QueryContext } from './query.js';
import type { RetryPolicy } from './retry.js';
import { SchemaCache } from './schema.js';
import { prepareRecords } from './toWriteRecords.js';
import { writeBatches } from './writeBatches.js';

/**
 * The `TelemetryStore` on Amazon Timestream for LiveAnalytics (or the windtunnel emulator, via
 * `endpoint`). Timestream enforces the upsert rules itself; this adapter maps records to
 * WriteRecords in chunks of 100, retries throttling and outages with jittered backoff, maps
 * RejectedRecordsException back to the caller's indexes, and reads and aggregates with the Query
 * API.
 *
 * Differs from the other adapters where Timestream does: `query()` returns `version: 1n` (SELECT
 * does not expose versions), and multi-measure values sorted by name.
 *
 * @example
 * const store = new TimestreamTelemetryStore({
 *   region: 'us-east-1',
 *   endpoint: process.env.TIMESTREAM_ENDPOINT, // optional: the local emulator
 * });
 * const table = { database: 'windtunnel', table: 'telemetry' };
 * const { stored, rejected } = await store.write(table, records);
 * const rows = await store.query(table, { from: 0n, to: BigInt(Date.now()) * 1_000_000n });
 * await store.close();
 */
export class TimestreamTelemetryStore implements TelemetryStore {
  readonly backend: StorageBackend = 'timestream';
  private readonly clients: TimestreamClients;
  private readonly retry: RetryPolicy;
  private readonly concurrency: number;
  private readonly queries: QueryContext;

  constructor(options: TimestreamStoreOptions) {
    this.clients = resolveClients(options);
    this.retry = resolveRetryPolicy(options);
    this.concurrency = resolveConcurrency(options);
    this.queries = {
      client: this.clients.queryClient,
      retry: this.retry,
      schemas: new SchemaCache(describeTable(this.clients.queryClient, this.retry)),
    };
  }

  async write(table: TableRef, records: readonly TelemetryRecord[]): Promise<WriteResult> {
    const { prepared, rejected } = prepareRecords(records);
    if (prepared.length === 0) return { stored: [], rejected };
    const context = {
      client: this.clients.writeClient,
      retry: this.retry,
      concurrency: this.concurrency,
    };
    return writeBatches(context, table, prepared, rejected);
  }

  query(table: TableRef, query: RecordQuery): Promise<TelemetryRecord[]> {
    return queryRecords(this.queries, table, query);
  }

  /** One SELECT ... GROUP BY, paged to the end (aggregate.ts, aggregateSql.ts). */
  aggregate(table: TableRef, query: AggregateQuery): Promise<AggregateRow[]> {
    return aggregateRecords(this.queries, table, query);
  }

  /** One SELECT ... max_by(...) GROUP BY, paged to the end (latest.ts, latestSql.ts). */
  latest(table: TableRef, query: LatestQuery): Promise<LatestRow[]> {
    return latestRecords(this.queries, table, query);
  }

  /** One ListDatabases call (DescribeEndpoints would only test discovery), no retries. */
  async ping(): Promise<void> {
    try {
      await this.clients.writeClient.send(new ListDatabasesCommand({ MaxResults: 1 }));
    } catch (error) {
      throw isRetryable(error) ? unavailable(error) : toStorageError(error);
    }
  }

  /** Destroys both clients, injected ones included: the store owns them once given. */
  async close(): Promise<void> {
    this.clients.writeClient.destroy();
    this.clients.queryClient.destroy();
  }
}
