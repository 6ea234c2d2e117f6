import type { DeviceAuthSettings } from './auth/authorizeRecords.js';
import type { StorageBackend, TableRef } from './storage/TelemetryStore.js';

/**
 * Every environment variable the app (the Lambda function) reads, with its default. README.md and
 * .env.example list the same names; `loadAppConfig` is the only place that reads them.
 */
export const APP_ENV = {
  STORAGE_BACKEND: 'STORAGE_BACKEND',
  INFLUX_URL: 'INFLUX_URL',
  INFLUX_DATABASE: 'INFLUX_DATABASE',
  INFLUX_MEASUREMENT: 'INFLUX_MEASUREMENT',
  INFLUX_TIMEOUT_MS: 'INFLUX_TIMEOUT_MS',
  TIMESTREAM_DATABASE: 'TIMESTREAM_DATABASE',
  TIMESTREAM_TABLE: 'TIMESTREAM_TABLE',
  TIMESTREAM_ENDPOINT: 'TIMESTREAM_ENDPOINT',
  AWS_REGION: 'AWS_REGION',
  MAX_RECORDS_PER_REQUEST: 'MAX_RECORDS_PER_REQUEST',
  DEVICE_AUTH: 'DEVICE_AUTH',
  DEVICE_DIMENSION: 'DEVICE_DIMENSION',
  DASHBOARD_ENABLED: 'DASHBOARD_ENABLED',
} as const;

export interface AppConfig {
  backend: StorageBackend;
  /** Where records go: the InfluxDB database and measurement, or the Timestream database and table. */
  table: TableRef;
  influx: { url: string; timeoutMs: number };
  timestream: { region: string; endpoint?: string };
  maxRecordsPerRequest: number;
  /** Who may write which turbine's telemetry (app/src/auth). */
  deviceAuth: DeviceAuthSettings;
  /** Serve the read-only live dashboard at `/dashboard`. */
  dashboard: boolean;
}

/** A variable has a value the app cannot use; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const BACKENDS: readonly StorageBackend[] = ['memory', 'influx', 'timestream'];

/** Pure: reads the given environment (usually `process.env`) and validates every value. */
export function loadAppConfig(env: Record<string, string | undefined>): AppConfig {
  const get = (name: keyof typeof APP_ENV) => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const backend = storageBackend(get('STORAGE_BACKEND'), get('INFLUX_URL'));
  const influx = {
    url: url('INFLUX_URL', get('INFLUX_URL') ?? 'http://localhost:8086'),
    timeoutMs: integer('INFLUX_TIMEOUT_MS', get('INFLUX_TIMEOUT_MS'), 5000, 100, 120_000),
  };
  const endpoint = get('TIMESTREAM_ENDPOINT');
  const timestream = {
    region: get('AWS_REGION') ?? 'us-east-1',
    ...(endpoint ? { endpoint: url('TIMESTREAM_ENDPOINT', endpoint) } : {}),
  };
  const table =
    backend === 'timestream'
      ? {
          database: name('TIMESTREAM_DATABASE', get('TIMESTREAM_DATABASE') ?? 'windtunnel'),
          table: name('TIMESTREAM_TABLE', get('TIMESTREAM_TABLE') ?? 'telemetry'),
        }
      : {
          database: name('INFLUX_DATABASE', get('INFLUX_DATABASE') ?? 'windtunnel'),
          table: name('INFLUX_MEASUREMENT', get('INFLUX_MEASUREMENT') ?? 'telemetry'),
        };
  const maxRecordsPerRequest = integer(
    'MAX_RECORDS_PER_REQUEST',
    get('MAX_RECORDS_PER_REQUEST'),
    10_000,
    1,
    100_000,
  );
  const deviceAuth: DeviceAuthSettings = {
    mode: oneOf('DEVICE_AUTH', get('DEVICE_AUTH') ?? 'jwt', ['jwt', 'off'] as const),
    dimension: name('DEVICE_DIMENSION', get('DEVICE_DIMENSION') ?? 'turbine_id'),
  };
  const dashboard =
    oneOf('DASHBOARD_ENABLED', get('DASHBOARD_ENABLED') ?? 'false', ['true', 'false'] as const) ===
    'true';
  return { backend, table, influx, timestream, maxRecordsPerRequest, deviceAuth, dashboard };
}

function oneOf<T extends string>(variable: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(`${variable} must be one of ${allowed.join(', ')}; got '${raw}'`);
  }
  return raw as T;
}

/** No STORAGE_BACKEND: InfluxDB when INFLUX_URL is set, else memory (the zero-dependency start). */
function storageBackend(raw: string | undefined, influxUrl: string | undefined): StorageBackend {
  if (raw === undefined) return influxUrl ? 'influx' : 'memory';
  return oneOf('STORAGE_BACKEND', raw, BACKENDS);
}

function url(variable: string, raw: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${variable} must be a URL such as http://localhost:8086; got '${raw}'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`${variable} must be an http:// or https:// URL; got '${raw}'`);
  }
  return raw.replace(/\/+$/, '');
}

function integer(
  variable: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new ConfigError(`${variable} must be a whole number from ${min} to ${max}; got '${raw}'`);
  }
  return n;
}

function name(variable: string, raw: string): string {
  if (raw.length > 256) throw new ConfigError(`${variable} must be at most 256 characters`);
  return raw;
}
