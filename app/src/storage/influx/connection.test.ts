import { InfluxDB } from 'influx';
import { describe, expect, it } from 'vitest';
import { InfluxConnection, type InfluxStoreOptions } from './connection.js';

describe('InfluxConnection options', () => {
  it('takes a ready client or a url, not both', () => {
    const client = new InfluxDB({ host: '127.0.0.1' });
    expect(() => new InfluxConnection({ client })).not.toThrow();
    expect(() => new InfluxConnection({ url: 'http://127.0.0.1:8086' })).not.toThrow();
    const both = { client, url: 'http://127.0.0.1:8086' } as unknown as InfluxStoreOptions;
    expect(() => new InfluxConnection(both)).toThrow(/not both/);
  });

  it('refuses a url that is not http(s) and a timeout that is not positive', () => {
    expect(() => new InfluxConnection({ url: 'ftp://x' })).toThrow(/http/);
    expect(() => new InfluxConnection({ url: '' })).toThrow(/url/);
    expect(() => new InfluxConnection({ url: 'http://x', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it('defaults the timeout to 5 s', () => {
    expect(new InfluxConnection({ url: 'http://127.0.0.1:8086' }).timeoutMs).toBe(5000);
  });
});
