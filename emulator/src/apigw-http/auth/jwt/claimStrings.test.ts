import { describe, expect, it } from 'vitest';
import { claimStrings } from './claimStrings.js';

describe('claimStrings', () => {
  it('renders every claim as a string the way API Gateway does', () => {
    const payload = {
      sub: 'abc',
      exp: 1718722804,
      ratio: 0.5,
      email_verified: true,
      'cognito:groups': ['admin', 'poweruser'],
      nested: [1, ['a', 'b']],
      address: { country: 'NL' },
      gone: null,
    };

    expect(claimStrings(payload)).toEqual({
      sub: 'abc',
      exp: '1718722804',
      ratio: '0.5',
      email_verified: 'true',
      'cognito:groups': '[admin poweruser]',
      nested: '[1 [a b]]',
      address: '{"country":"NL"}',
    });
  });

  it('keeps a claim named __proto__ as an ordinary claim', () => {
    const payload = JSON.parse('{"__proto__":"x","sub":"s"}') as Record<string, unknown>;

    const claims = claimStrings(payload);

    expect(Object.keys(claims)).toEqual(['__proto__', 'sub']);
  });
});
