import { TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import {
  TimestreamWriteClient,
  type TimestreamWriteClientConfig,
} from '@aws-sdk/client-timestream-write';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';

export interface TimestreamClients {
  writeClient: TimestreamWriteClient;
  queryClient: TimestreamQueryClient;
}

export interface TimestreamConnection {
  region: string;
  /**
   * A custom endpoint (TIMESTREAM_ENDPOINT), e.g. the local emulator. With an endpoint the SDK
   * skips endpoint discovery by itself; `endpointDiscoveryEnabled` must then not be passed at all,
   * not even `false`, or every call throws "Custom endpoint is supplied; endpointDiscoveryEnabled
   * must not be true." (middleware-endpoint-discovery; shared/research/timestream.md §4.3).
   */
  endpoint?: string;
  /** Defaults to the SDK's provider chain (env, profile, role). */
  credentials?: TimestreamWriteClientConfig['credentials'];
  /** Defaults: 3 s to connect, 10 s for a request, so a hung endpoint becomes retryable. */
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

interface Tuning {
  /** Attempts per request, ours (see retry.ts); default 5. */
  maxAttempts?: number;
  /** WriteRecords chunks in flight; default 4. */
  concurrency?: number;
  /** Backoff details, mostly for tests (injected sleep and random). */
  retry?: Partial<Omit<RetryPolicy, 'maxAttempts'>>;
}

/**
 * Either ready clients or the config to build them, not both. Ready clients are used as they are;
 * give them `maxAttempts: 1` unless you want the SDK's retries on top of ours.
 */
export type TimestreamStoreOptions =
  | (Tuning & TimestreamClients & { [K in keyof TimestreamConnection]?: never })
  | (Tuning & TimestreamConnection & { [K in keyof TimestreamClients]?: never });

export const DEFAULT_CONCURRENCY = 4;

export function resolveClients(options: TimestreamStoreOptions): TimestreamClients {
  const { writeClient, queryClient, region } = options;
  if (writeClient || queryClient) {
    if (!writeClient || !queryClient || region !== undefined) {
      throw new TypeError('TimestreamTelemetryStore takes both clients or a config, not a mix');
    }
    return { writeClient, queryClient };
  }
  if (!region) throw new TypeError('TimestreamTelemetryStore needs a region (or ready clients)');
  return createClients(options as TimestreamConnection);
}

function createClients(connection: TimestreamConnection): TimestreamClients {
  const config = {
    region: connection.region,
    // Our retry loop makes the attempts; the SDK's would multiply them (retry.ts).
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: connection.connectionTimeoutMs ?? 3_000,
      requestTimeout: connection.requestTimeoutMs ?? 10_000,
      throwOnRequestTimeout: true,
    },
    ...(connection.endpoint ? { endpoint: connection.endpoint } : {}),
    ...(connection.credentials ? { credentials: connection.credentials } : {}),
  };
  return {
    writeClient: new TimestreamWriteClient(config),
    queryClient: new TimestreamQueryClient(config),
  };
}

export function resolveRetryPolicy(options: TimestreamStoreOptions): RetryPolicy {
  const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new TypeError(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  }
  return { ...DEFAULT_RETRY_POLICY, ...options.retry, maxAttempts };
}

export function resolveConcurrency(options: TimestreamStoreOptions): number {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  }
  return concurrency;
}
