import { describe, expect, it } from 'vitest';
import { authRequest } from '../../../../test/fixtures/jwt/request.js';
import { parseIdentitySource, readIdentitySource } from './identitySource.js';

const read = (expression: string, request = authRequest()) =>
  readIdentitySource(parseIdentitySource(expression), request.event);

describe('identity sources', () => {
  it('reads headers case-insensitively', () => {
    const request = authRequest({ headers: { 'x-api-key': 'k1' } });

    expect(read('$request.header.X-Api-Key', request)).toBe('k1');
  });

  it('reads query strings case-sensitively', () => {
    const request = authRequest({ query: { token: 't1' } });

    expect([
      read('$request.querystring.token', request),
      read('$request.querystring.Token', request),
    ]).toEqual(['t1', undefined]);
  });

  it('reads $context variables by path and stage variables by name', () => {
    const request = authRequest({ stageVariables: { tenant: 'acme' } });

    expect(read('$context.routeKey', request)).toBe('POST /telemetry');
    expect(read('$context.http.sourceIp', request)).toBe('127.0.0.1');
    expect(read('$stageVariables.tenant', request)).toBe('acme');
  });

  it('reads a cookie identity source from the cookies the event moved out of the headers', () => {
    const request = authRequest({ cookies: ['session=abc', 'theme=dark'] });

    expect(read('$request.header.Cookie', request)).toBe('session=abc; theme=dark');
  });

  it('treats absent and empty values alike, and never reads inherited properties', () => {
    const request = authRequest({ headers: { 'x-empty': '' } });

    expect(read('$request.header.x-empty', request)).toBeUndefined();
    expect(read('$request.header.x-missing', request)).toBeUndefined();
    expect(read('$request.querystring.constructor', request)).toBeUndefined();
    expect(read('$context.toString', request)).toBeUndefined();
  });

  it.each(['$request.body.token', '$request.header.', 'Authorization', '$method.request.header.x'])(
    'refuses the expression %s',
    (expression) => {
      expect(() => parseIdentitySource(expression)).toThrow(/identity source/);
    },
  );
});
