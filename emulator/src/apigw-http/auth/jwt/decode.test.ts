import { describe, expect, it } from 'vitest';
import { decodeJwt } from './decode.js';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('decodeJwt', () => {
  it('splits a compact JWS and keeps the exact signing input', () => {
    const token = `${part({ alg: 'RS256' })}.${part({ sub: 'x' })}.AQID`;

    const decoded = decodeJwt(token);

    expect(decoded).toEqual({
      header: { alg: 'RS256' },
      payload: { sub: 'x' },
      signingInput: token.slice(0, token.lastIndexOf('.')),
      signature: Buffer.from([1, 2, 3]),
    });
  });

  it.each([
    ['standard base64 padding', `${part({ alg: 'RS256' })}=.${part({})}.AQID`],
    ['a space', `${part({ alg: 'RS256' })}.${part({})}. AQID`],
    ['an impossible length', `${part({ alg: 'RS256' })}.${part({})}.A`],
    ['a JSON string payload', `${part({ alg: 'RS256' })}.${part('text')}.AQID`],
    ['a null header', `${part(null)}.${part({})}.AQID`],
  ])('refuses %s', (_what, token) => {
    expect(decodeJwt(token)).toBeUndefined();
  });
});
