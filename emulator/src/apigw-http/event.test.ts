import { describe, expect, it } from 'vitest';
import { buildEvent, withAuthorizer, type RequestHead } from './event.js';

const NOW = new Date(1587481701067);
const OPTIONS = {
  requestId: 'LV7fzho-PHcEJPw=',
  now: NOW,
  accountId: '123456789012',
  apiId: 'api',
};

function head(overrides: Partial<RequestHead> = {}): RequestHead {
  return {
    method: 'GET',
    url: '/',
    rawHeaders: ['Host', 'localhost:3000', 'User-Agent', 'curl/8.0', 'Accept', '*/*'],
    httpVersion: '1.1',
    remoteAddress: '::ffff:127.0.0.1',
    localPort: 3000,
    ...overrides,
  };
}

describe('buildEvent', () => {
  it('has exactly the keys of a captured bodiless GET (aws-lambda-go apigw-v2-request-no-authorizer.json)', () => {
    const event = buildEvent(head(), Buffer.alloc(0), OPTIONS);

    expect(Object.keys(event)).toEqual([
      'version',
      'routeKey',
      'rawPath',
      'rawQueryString',
      'headers',
      'requestContext',
      'isBase64Encoded',
    ]);
    expect(Object.keys(event.requestContext).sort()).toEqual(
      [
        'accountId',
        'apiId',
        'domainName',
        'domainPrefix',
        'http',
        'requestId',
        'routeKey',
        'stage',
        'time',
        'timeEpoch',
      ].sort(),
    );
  });

  it('fills requestContext like AWS does for the $default stage', () => {
    const event = buildEvent(head({ method: 'POST', url: '/a%20b?x=1' }), Buffer.alloc(0), OPTIONS);

    expect(event.requestContext).toEqual({
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: 'POST',
        path: '/a b',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'curl/8.0',
      },
      requestId: 'LV7fzho-PHcEJPw=',
      routeKey: '$default',
      stage: '$default',
      time: '21/Apr/2020:15:08:21 +0000',
      timeEpoch: 1587481701067,
    });
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('$default');
    expect(event.rawPath).toBe('/a b');
  });

  it('takes domainPrefix from the first label of the host, or from a configured domain name', () => {
    const fromHost = buildEvent(
      head({ rawHeaders: ['Host', 'abc.example.com:8080'] }),
      Buffer.alloc(0),
      OPTIONS,
    );
    const configured = buildEvent(head(), Buffer.alloc(0), {
      ...OPTIONS,
      domainName: 'id.execute-api.eu-west-1.amazonaws.com',
    });

    expect([fromHost.requestContext.domainName, fromHost.requestContext.domainPrefix]).toEqual([
      'abc.example.com',
      'abc',
    ]);
    expect(configured.requestContext.domainPrefix).toBe('id');
  });

  it('includes cookies, query parameters and body only when the request has them', () => {
    const rawHeaders = ['Host', 'h', 'Cookie', 'a=1; b=2', 'Content-Type', 'application/json'];

    const event = buildEvent(
      head({ method: 'POST', url: '/p?k=v', rawHeaders }),
      Buffer.from('{"x":1}'),
      OPTIONS,
    );

    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.queryStringParameters).toEqual({ k: 'v' });
    expect(event.body).toBe('{"x":1}');
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.headers['content-length']).toBe('7');
  });

  it('base64-encodes a binary body', () => {
    const bytes = Buffer.from([0, 1, 2, 250]);

    const event = buildEvent(head({ rawHeaders: ['Content-Type', 'image/png'] }), bytes, OPTIONS);

    expect(event.isBase64Encoded).toBe(true);
    expect(event.body).toBe(bytes.toString('base64'));
  });

  it('sends no pathParameters, stageVariables or authorizer when there are none', () => {
    const event = buildEvent(head(), Buffer.alloc(0), {
      ...OPTIONS,
      pathParameters: {},
      stageVariables: {},
    });

    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('stageVariables');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('carries the route, stage, path parameters and stage variables, keeping the stage prefix in rawPath', () => {
    const event = buildEvent(head({ url: '/dev/pets/7' }), Buffer.alloc(0), {
      ...OPTIONS,
      routeKey: 'GET /pets/{id}',
      stage: 'dev',
      pathParameters: { id: '7' },
      stageVariables: { table: 't' },
    });

    expect(event).toMatchObject({
      routeKey: 'GET /pets/{id}',
      rawPath: '/dev/pets/7',
      pathParameters: { id: '7' },
      stageVariables: { table: 't' },
      requestContext: { routeKey: 'GET /pets/{id}', stage: 'dev', http: { path: '/dev/pets/7' } },
    });
    // The order of the AWS doc example: ..., body, pathParameters, isBase64Encoded, stageVariables.
    expect(Object.keys(event).slice(-3)).toEqual([
      'pathParameters',
      'isBase64Encoded',
      'stageVariables',
    ]);
  });
});

describe('withAuthorizer', () => {
  it('adds requestContext.authorizer after apiId, as captured events have it, without touching the input', () => {
    const event = buildEvent(head(), Buffer.alloc(0), OPTIONS);

    const authorized = withAuthorizer(event, { lambda: { device: 'NL-0001' } });

    expect(Object.keys(authorized.requestContext).slice(0, 3)).toEqual([
      'accountId',
      'apiId',
      'authorizer',
    ]);
    expect(authorized.requestContext).toMatchObject({
      authorizer: { lambda: { device: 'NL-0001' } },
    });
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });
});
