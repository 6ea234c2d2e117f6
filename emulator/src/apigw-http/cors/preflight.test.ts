import { describe, expect, it } from 'vitest';
import { validateCorsConfig, type CorsConfig } from './config.js';
import { preflight } from './preflight.js';

const APP = 'https://app.example';
const config: CorsConfig = {
  allowOrigins: [APP, 'http://localhost:5173'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization', 'content-type'],
  maxAge: 600,
};
const asking = (origin: string, extra: Record<string, string> = {}) => ({
  origin,
  'access-control-request-method': 'POST',
  ...extra,
});

describe('preflight', () => {
  it('answers a preflight from an allowed origin with 204 and the configured headers', () => {
    const answer = preflight(
      config,
      'OPTIONS',
      asking(APP, { 'access-control-request-headers': 'authorization' }),
    );

    expect(answer).toEqual({
      status: 204,
      headers: {
        'access-control-allow-origin': APP,
        vary: 'origin',
        'access-control-allow-methods': 'GET,POST',
        'access-control-allow-headers': 'authorization,content-type',
        'access-control-max-age': '600',
      },
    });
  });

  it('matches the origin and the preflight headers case-insensitively', () => {
    const answer = preflight(config, 'options', {
      Origin: 'HTTPS://APP.EXAMPLE',
      'Access-Control-Request-Method': 'GET',
    });

    expect(answer?.headers['access-control-allow-origin']).toBe('HTTPS://APP.EXAMPLE');
  });

  it('answers a disallowed origin with 204 and no CORS headers', () => {
    expect(preflight(config, 'OPTIONS', asking('https://evil.example'))).toEqual({
      status: 204,
      headers: {},
    });
  });

  it('answers * origins with * and no vary', () => {
    const answer = preflight({ allowOrigins: ['*'] }, 'OPTIONS', asking(APP));

    expect(answer).toEqual({ status: 204, headers: { 'access-control-allow-origin': '*' } });
  });

  it('with credentials, reflects the origin and the requested method and headers for *', () => {
    const answer = preflight(
      { allowOrigins: [APP], allowMethods: ['*'], allowHeaders: ['*'], allowCredentials: true },
      'OPTIONS',
      asking(APP, { 'access-control-request-headers': 'x-device-id' }),
    );

    expect(answer?.headers).toEqual({
      'access-control-allow-origin': APP,
      vary: 'origin',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'x-device-id',
    });
  });

  it('returns undefined for requests that are not preflights, so they are routed', () => {
    expect(preflight(config, 'GET', asking(APP))).toBeUndefined();
    expect(preflight(config, 'OPTIONS', { origin: APP })).toBeUndefined();
    expect(
      preflight(config, 'OPTIONS', { 'access-control-request-method': 'POST' }),
    ).toBeUndefined();
  });
});

describe('validateCorsConfig', () => {
  it("refuses credentials with a * origin, with AWS's message", () => {
    expect(() => validateCorsConfig({ allowOrigins: ['*'], allowCredentials: true })).toThrow(
      "allow-credentials is not supported if 'allow-origin' is *",
    );
  });

  it('refuses lists that are not lists of strings, and a negative maxAge', () => {
    expect(() => validateCorsConfig({ allowOrigins: 'https://a' as unknown as string[] })).toThrow(
      /allowOrigins/,
    );
    expect(() => validateCorsConfig({ maxAge: -5 })).toThrow(/maxAge/);
  });

  it('accepts a sound configuration as it is', () => {
    expect(validateCorsConfig(config)).toBe(config);
  });
});
