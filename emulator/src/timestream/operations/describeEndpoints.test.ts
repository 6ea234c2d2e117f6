import { describe, expect, it } from 'vitest';
import type { OperationContext } from './context.js';
import { describeEndpoints, hostname } from './describeEndpoints.js';

const call = (host: string, userAgent?: string) =>
  describeEndpoints({}, { host, userAgent } as OperationContext);

describe('DescribeEndpoints', () => {
  it('answers the bare host name, which the JS SDK copies into request.hostname', async () => {
    expect(await call('localhost:8787', 'aws-sdk-js/3.1138.0')).toEqual({
      Endpoints: [{ Address: 'localhost', CachePeriodInMinutes: 1440 }],
    });
  });

  it('answers botocore the full http URL, since it would otherwise prefix https://', async () => {
    const ua = 'Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux Botocore/1.43.11';
    expect(await call('127.0.0.1:8787', ua)).toEqual({
      Endpoints: [{ Address: 'http://127.0.0.1:8787', CachePeriodInMinutes: 1440 }],
    });
  });

  it.each([
    ['127.0.0.1:8787', '127.0.0.1'],
    ['[::1]:8787', '::1'],
    ['timestream', 'timestream'],
  ])('takes the host name of %s', (host, expected) => {
    expect(hostname(host)).toBe(expected);
  });
});
