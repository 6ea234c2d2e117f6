import { describe, expect, it } from 'vitest';
import { ConfigError, loadAppConfig } from './config.js';

describe('loadAppConfig', () => {
  it('starts on the in-memory store with no configuration', () => {
    expect(loadAppConfig({})).toEqual({
      backend: 'memory',
      table: { database: 'windtunnel', table: 'telemetry' },
      influx: { url: 'http://localhost:8086', timeoutMs: 5000 },
      timestream: { region: 'us-east-1' },
      maxRecordsPerRequest: 10_000,
      deviceAuth: { mode: 'jwt', dimension: 'turbine_id' },
      dashboard: false,
    });
  });

  it('serves the dashboard only when DASHBOARD_ENABLED is true', () => {
    expect(loadAppConfig({ DASHBOARD_ENABLED: 'true' }).dashboard).toBe(true);
    expect(loadAppConfig({ DASHBOARD_ENABLED: 'false' }).dashboard).toBe(false);
    expect(() => loadAppConfig({ DASHBOARD_ENABLED: 'yes' })).toThrow(
      "DASHBOARD_ENABLED must be one of true, false; got 'yes'",
    );
  });

  it('picks InfluxDB when INFLUX_URL is set', () => {
    const config = loadAppConfig({ INFLUX_URL: 'http://influxdb:8086/', INFLUX_DATABASE: 'fleet' });
    expect(config.backend).toBe('influx');
    expect(config.influx.url).toBe('http://influxdb:8086');
    expect(config.table).toEqual({ database: 'fleet', table: 'telemetry' });
  });

  it('uses the Timestream database and table for the timestream backend', () => {
    const config = loadAppConfig({
      STORAGE_BACKEND: 'timestream',
      TIMESTREAM_DATABASE: 'iot',
      TIMESTREAM_TABLE: 'turbines',
      TIMESTREAM_ENDPOINT: 'http://localhost:8787',
      AWS_REGION: 'eu-west-1',
    });
    expect(config.table).toEqual({ database: 'iot', table: 'turbines' });
    expect(config.timestream).toEqual({ region: 'eu-west-1', endpoint: 'http://localhost:8787' });
  });

  it.each([
    [{ STORAGE_BACKEND: 'postgres' }, /STORAGE_BACKEND must be one of memory, influx, timestream/],
    [{ INFLUX_URL: 'localhost:8086x' }, /INFLUX_URL must be/],
    [{ INFLUX_URL: 'not a url' }, /INFLUX_URL must be a URL/],
    [{ MAX_RECORDS_PER_REQUEST: '0' }, /MAX_RECORDS_PER_REQUEST must be a whole number from 1/],
    [{ MAX_RECORDS_PER_REQUEST: 'lots' }, /MAX_RECORDS_PER_REQUEST/],
    [{ INFLUX_TIMEOUT_MS: '5s' }, /INFLUX_TIMEOUT_MS/],
    [{ DEVICE_AUTH: 'none' }, /DEVICE_AUTH must be one of jwt, off; got 'none'/],
    [{ STORAGE_BACKEND: 'timestream', TIMESTREAM_ENDPOINT: 'ftp://x' }, /TIMESTREAM_ENDPOINT/],
  ])('names the variable when a value is bad: %o', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
    expect(() => loadAppConfig(env)).toThrow(message);
  });
});
