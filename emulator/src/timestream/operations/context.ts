import type { TelemetryStore } from '../../../../app/src/storage/TelemetryStore.js';
import type { Catalog } from '../catalog/Catalog.js';

/** What every operation gets besides its input: the state it works on and the request's facts. */
export interface OperationContext {
  catalog: Catalog;
  store: TelemetryStore;
  /** ms since the epoch; injected so tests can fix the clock. */
  now: () => number;
  /** From the request's SigV4 credential scope, else the configured default (ARNs only). */
  region: string;
  accountId: string;
  /** The Host header as the client sent it (DescribeEndpoints answers with it). */
  host: string | undefined;
  userAgent: string | undefined;
  log: (line: string) => void;
}

/** An operation: the parsed JSON body in, the JSON output out, or a TimestreamError thrown. */
export type Operation = (input: unknown, context: OperationContext) => Promise<unknown>;
