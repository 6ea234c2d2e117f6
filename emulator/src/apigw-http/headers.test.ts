import { describe, expect, it } from 'vitest';
import { addGatewayHeaders, collectHeaders } from './headers.js';

describe('collectHeaders', () => {
  it('lower-cases names and joins repeated headers with a bare comma', () => {
    const { headers } = collectHeaders([
      'X-Dup',
      'a',
      'x-dup',
      'b',
      'User-Agent',
      'ua',
      'User-Agent',
      'ua2',
    ]);

    expect(headers).toEqual({ 'x-dup': 'a,b', 'user-agent': 'ua,ua2' });
  });

  it('moves every cookie header into cookies, one element per name=value pair', () => {
    const { headers, cookies } = collectHeaders([
      'Cookie',
      'a=1; b=2',
      'cookie',
      'c=3;',
      'Host',
      'h',
    ]);

    expect(cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(headers).toEqual({ host: 'h' });
  });

  it('drops hop-by-hop headers a proxy consumes', () => {
    const { headers } = collectHeaders([
      'Connection',
      'keep-alive',
      'Transfer-Encoding',
      'chunked',
      'accept',
      '*/*',
    ]);

    expect(headers).toEqual({ accept: '*/*' });
  });

  it('keeps headers named like Object.prototype members as ordinary keys', () => {
    const { headers } = collectHeaders(['constructor', 'x', '__proto__', 'y']);

    expect(Object.keys(headers).sort()).toEqual(['__proto__', 'constructor']);
    expect(headers.constructor).toBe('x');
  });
});

describe('addGatewayHeaders', () => {
  const info = { sourceIp: '10.0.0.7', port: 4010, bodyLength: 0, now: new Date(0) };

  it('adds content-length (also 0), x-forwarded-* and a trace id', () => {
    const headers: Record<string, string> = { host: 'h' };

    addGatewayHeaders(headers, info);

    expect(headers).toEqual({
      host: 'h',
      'content-length': '0',
      'x-forwarded-for': '10.0.0.7',
      'x-forwarded-port': '4010',
      'x-forwarded-proto': 'http',
      'x-amzn-trace-id': expect.stringMatching(/^Root=1-00000000-[0-9a-f]{24}$/),
    });
  });

  it("appends the client's address to an incoming x-forwarded-for and keeps its trace id", () => {
    const headers: Record<string, string> = {
      'x-forwarded-for': '1.2.3.4',
      'x-amzn-trace-id': 'Root=mine',
    };

    addGatewayHeaders(headers, info);

    expect(headers['x-forwarded-for']).toBe('1.2.3.4, 10.0.0.7');
    expect(headers['x-amzn-trace-id']).toBe('Root=mine');
  });
});
