import { describe, expect, it } from 'vitest';
import { loadTimestreamConfig, TimestreamConfigError } from './config.js';

describe('loadTimestreamConfig', () => {
  it('has a default for every variable', () => {
    expect(loadTimestreamConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: '.windtunnel/timestream',
      accountId: '123456789012',
      region: 'us-east-1',
    });
  });

  it('reads every variable', () => {
    const config = loadTimestreamConfig({
      TIMESTREAM_EMULATOR_PORT: '9000',
      TIMESTREAM_EMULATOR_HOST: '0.0.0.0',
      TIMESTREAM_DATA_DIR: '/data',
      TIMESTREAM_ACCOUNT_ID: '000000000000',
      AWS_REGION: 'eu-west-1',
    });
    expect(config).toEqual({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/data',
      accountId: '000000000000',
      region: 'eu-west-1',
    });
  });

  it.each([
    ['TIMESTREAM_EMULATOR_PORT', 'eighty'],
    ['TIMESTREAM_EMULATOR_PORT', '70000'],
    ['TIMESTREAM_ACCOUNT_ID', '12'],
  ])('names %s when its value %s is unusable', (name, value) => {
    expect(() => loadTimestreamConfig({ [name]: value })).toThrow(TimestreamConfigError);
    expect(() => loadTimestreamConfig({ [name]: value })).toThrow(name);
  });
});
