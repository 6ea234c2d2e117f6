import { describe, expect, it } from 'vitest';
import { databaseArn, parseArn, tableArn } from './arn.js';

const scope = { region: 'eu-west-1', accountId: '123456789012' };

describe('ARNs', () => {
  it('names databases and tables as AWS does', () => {
    expect(databaseArn(scope, 'db')).toBe('arn:aws:timestream:eu-west-1:123456789012:database/db');
    expect(tableArn(scope, 'db', 't.1')).toBe(
      'arn:aws:timestream:eu-west-1:123456789012:database/db/table/t.1',
    );
  });

  it('parses back what it builds, in any region, account or partition', () => {
    expect(parseArn(tableArn(scope, 'db', 't.1'))).toEqual({ database: 'db', table: 't.1' });
    expect(parseArn('arn:aws-cn:timestream:cn-north-1:000000000000:database/x-y')).toEqual({
      database: 'x-y',
    });
  });

  it.each([
    'arn:aws:s3:::bucket',
    'arn:aws:timestream:us-east-1:1:scheduled-query/q',
    'arn:aws:timestream:us-east-1:1:database/db/table/',
    'database/db',
  ])('does not parse %s', (arn) => {
    expect(parseArn(arn)).toBeUndefined();
  });
});
