/**
 * Every environment variable the Timestream emulator reads, with its default. The storage
 * variables are the app's (app/src/config.ts, read through `loadAppConfig`): the emulator stores
 * in InfluxDB when INFLUX_URL is set, in memory otherwise.
 *
 * | Variable                  | Default                   | Meaning                                         |
 * | ------------------------- | ------------------------- | ----------------------------------------------- |
 * | TIMESTREAM_EMULATOR_PORT  | 8787                      | Port of the Timestream API endpoint             |
 * | TIMESTREAM_EMULATOR_HOST  | 127.0.0.1                 | Interface it listens on (0.0.0.0 in a container) |
 * | TIMESTREAM_DATA_DIR       | .windtunnel/timestream    | Where the catalog file lives (InfluxDB only)    |
 * | TIMESTREAM_ACCOUNT_ID     | 123456789012              | Account id in ARNs                              |
 * | AWS_REGION                | us-east-1                 | Region in ARNs when a request is not signed     |
 * | INFLUX_URL                | (unset: memory)           | InfluxDB 1.x URL; records and catalog persist   |
 * | INFLUX_TIMEOUT_MS         | 5000                      | InfluxDB request timeout                        |
 *
 * STORAGE_BACKEND is deliberately not read: in the local stack it says where the *app* writes
 * (`timestream`, i.e. this server), and the emulator must not point at itself.
 */
export const TIMESTREAM_ENV = {
  TIMESTREAM_EMULATOR_PORT: 'TIMESTREAM_EMULATOR_PORT',
  TIMESTREAM_EMULATOR_HOST: 'TIMESTREAM_EMULATOR_HOST',
  TIMESTREAM_DATA_DIR: 'TIMESTREAM_DATA_DIR',
  TIMESTREAM_ACCOUNT_ID: 'TIMESTREAM_ACCOUNT_ID',
  AWS_REGION: 'AWS_REGION',
} as const;

export interface TimestreamEmulatorConfig {
  port: number;
  host: string;
  dataDir: string;
  accountId: string;
  region: string;
}

/** A variable has a value the emulator cannot use; the message names the variable. */
export class TimestreamConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Pure: reads the given environment (usually `process.env`) and validates every value. */
export function loadTimestreamConfig(
  env: Record<string, string | undefined>,
): TimestreamEmulatorConfig {
  const get = (name: keyof typeof TIMESTREAM_ENV) => env[name]?.trim() || undefined;
  const accountId = get('TIMESTREAM_ACCOUNT_ID') ?? '123456789012';
  if (!/^\d{12}$/.test(accountId)) {
    throw new TimestreamConfigError(`TIMESTREAM_ACCOUNT_ID must be 12 digits; got '${accountId}'`);
  }
  return {
    port: port(get('TIMESTREAM_EMULATOR_PORT') ?? '8787'),
    host: get('TIMESTREAM_EMULATOR_HOST') ?? '127.0.0.1',
    dataDir: get('TIMESTREAM_DATA_DIR') ?? '.windtunnel/timestream',
    accountId,
    region: get('AWS_REGION') ?? 'us-east-1',
  };
}

function port(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535) {
    throw new TimestreamConfigError(
      `TIMESTREAM_EMULATOR_PORT must be a port number from 0 to 65535; got '${raw}'`,
    );
  }
  return n;
}
