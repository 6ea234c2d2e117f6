import {
  Agent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { APIGatewayProxyEventV2, Handler } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import {
  loadHandler,
  REQUEST_ID_PATTERN,
  startGateway,
  type Gateway,
} from '../../emulator/src/apigw-http/index.js';
import { handler as binary } from '../fixtures/handlers/binary.js';
import { handler as callbackStyle } from '../fixtures/handlers/callback.js';
import { handler as cookies } from '../fixtures/handlers/cookies.js';
import { createCountingHandler } from '../fixtures/handlers/counting.js';
import { handler as echo } from '../fixtures/handlers/echo.js';
import { object as inferredObject, text as inferredText } from '../fixtures/handlers/inferred.js';
import { handler as malformed } from '../fixtures/handlers/malformed.js';
import { handler as throwing } from '../fixtures/handlers/throwing.js';

const INTERNAL_ERROR = '{"message":"Internal Server Error"}';
const gateways: Gateway[] = [];

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
});

/** Starts the shim on a free port; every log line lands in the returned array. */
async function serve(handler: Handler): Promise<{ url: string; logs: string[] }> {
  const logs: string[] = [];
  const gateway = await startGateway({ handler, port: 0, log: (line) => logs.push(line) });
  gateways.push(gateway);
  return { url: gateway.url, logs };
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Real HTTP with node:http, which (unlike fetch) can send repeated headers and over-long ones.
 * The response may arrive while the body is still being sent (413): later socket errors are ignored.
 */
function send(
  url: string,
  options: {
    method?: string;
    path?: string;
    headers?: OutgoingHttpHeaders;
    body?: Buffer | Buffer[];
  } = {},
): Promise<RawResponse> {
  const { method = 'GET', path = '/', headers = {}, body } = options;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    for (const chunk of Array.isArray(body) ? body : body ? [body] : []) req.write(chunk);
    req.end();
  });
}

const eventOf = (response: RawResponse): APIGatewayProxyEventV2 =>
  JSON.parse(response.body.toString()) as APIGatewayProxyEventV2;

describe('gateway shim, end to end: the event', async () => {
  const { url } = await serve(echo);

  it('joins repeated request headers with a bare comma and lower-cases names', async () => {
    const event = eventOf(
      await send(url, { headers: { 'X-Dup': ['first', 'second'], 'X-Single': 'one' } }),
    );

    expect(event.headers['x-dup']).toBe('first,second');
    expect(event.headers['x-single']).toBe('one');
  });

  it('moves cookies out of headers into cookies, one per pair', async () => {
    const event = eventOf(await send(url, { headers: { Cookie: 'session=abc; theme=dark' } }));

    expect(event.cookies).toEqual(['session=abc', 'theme=dark']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('keeps rawQueryString raw while queryStringParameters are decoded and comma-joined', async () => {
    const event = eventOf(
      await send(url, { path: '/a%20path/x?tag=a&tag=b&q=hello%20world&e=%C3%A9' }),
    );

    expect(event.rawPath).toBe('/a path/x');
    expect(event.requestContext.http.path).toBe('/a path/x');
    expect(event.rawQueryString).toBe('tag=a&tag=b&q=hello%20world&e=%C3%A9');
    expect(event.queryStringParameters).toEqual({ tag: 'a,b', q: 'hello world', e: 'é' });
  });

  it('gives every request its own AWS-shaped id, equal to the apigw-requestid header', async () => {
    const responses = await Promise.all(Array.from({ length: 100 }, () => send(url)));

    const ids = responses.map((response) => eventOf(response).requestContext.requestId);

    expect(new Set(ids).size).toBe(100);
    for (const id of ids) expect(id).toMatch(REQUEST_ID_PATTERN);
    expect(responses.map((response) => response.headers['apigw-requestid'])).toEqual(ids);
  });

  it('stamps timeEpoch in milliseconds and time in CLF', async () => {
    const before = Date.now();
    const event = eventOf(await send(url));
    const after = Date.now();

    expect(event.requestContext.timeEpoch).toBeGreaterThanOrEqual(before);
    expect(event.requestContext.timeEpoch).toBeLessThanOrEqual(after);
    expect(event.requestContext.time).toMatch(
      /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/,
    );
  });

  it('omits every optional key a bare GET has no value for', async () => {
    const event = eventOf(await send(url));

    for (const key of [
      'cookies',
      'queryStringParameters',
      'body',
      'pathParameters',
      'stageVariables',
    ]) {
      expect(event).not.toHaveProperty(key);
    }
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(event.rawQueryString).toBe('');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('adds the headers API Gateway adds and reports the client address', async () => {
    const event = eventOf(await send(url, { headers: { 'User-Agent': 'turbine/1.0' } }));

    expect(event.headers).toMatchObject({
      'content-length': '0',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'x-forwarded-port': String(new URL(url).port),
      'user-agent': 'turbine/1.0',
    });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.requestContext.http).toMatchObject({
      sourceIp: '127.0.0.1',
      userAgent: 'turbine/1.0',
      method: 'GET',
    });
  });

  it('passes a JSON body as text', async () => {
    const body = Buffer.from('{"turbine":"NL-0001","power":1532.5}');

    const event = eventOf(
      await send(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }),
    );

    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe(body.toString());
  });
});

describe('gateway shim, end to end: binary bodies', async () => {
  const { url } = await serve(binary);

  it('sends an image/png body to the handler base64-encoded and returns it byte for byte', async () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80,
    ]);

    const response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: png,
    });

    expect(response.status).toBe(200);
    expect(response.headers['x-request-was-base64']).toBe('true');
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.body.equals(png)).toBe(true);
  });
});

describe('gateway shim, end to end: response mapping', () => {
  it('answers a string result with 200, application/json and the string as body', async () => {
    const { url } = await serve(inferredText);

    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('Hello from Lambda!');
  });

  it('answers an object result without statusCode with 200 and its JSON', async () => {
    const { url } = await serve(inferredObject);

    const response = await fetch(url);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"message":"Hello from Lambda!"}');
  });

  it('turns each returned cookie into its own set-cookie header', async () => {
    const { url } = await serve(cookies);

    const response = await send(url);

    expect(response.headers['set-cookie']).toEqual([
      'session=abc; Path=/; HttpOnly',
      'theme=dark; Max-Age=3600',
    ]);
    expect(response.body.toString()).toBe('cookies set');
  });

  it('serves a callback-style handler', async () => {
    const { url } = await serve(callbackStyle);

    const response = await fetch(url);

    expect(response.status).toBe(202);
    expect(await response.text()).toBe('accepted by windtunnel-handler');
    expect(response.headers.get('apigw-requestid')).toMatch(REQUEST_ID_PATTERN);
  });

  it('serves a handler loaded from a module file', async () => {
    const { url } = await serve(await loadHandler('test/fixtures/handlers/inferred.ts#object'));

    const response = await fetch(url);

    expect(await response.json()).toEqual({ message: 'Hello from Lambda!' });
  });
});

describe('gateway shim, end to end: errors', () => {
  it('answers a thrown error with the exact 500 body, and logs it with the request id', async () => {
    const { url, logs } = await serve(throwing);

    const response = await send(url);

    const requestId = response.headers['apigw-requestid'] as string;
    expect(response.status).toBe(500);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body.toString()).toBe(INTERNAL_ERROR);
    expect(requestId).toMatch(REQUEST_ID_PATTERN);
    expect(logs).toEqual([`${requestId} handler failed: Error: database password is hunter2`]);
  });

  it('answers a malformed result with 500', async () => {
    const { url, logs } = await serve(malformed);

    const response = await send(url);

    expect(response.status).toBe(500);
    expect(response.body.toString()).toBe(INTERNAL_ERROR);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/malformed Lambda result: body must be a string/);
  });

  it('refuses an 11 MB body with 413 before the handler runs (content-length)', async () => {
    const counting = createCountingHandler();
    const { url } = await serve(counting.handler);

    const response = await send(url, { method: 'POST', body: Buffer.alloc(11 * 1024 * 1024, 1) });

    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['apigw-requestid']).toMatch(REQUEST_ID_PATTERN);
    expect(response.body.toString()).toBe('{"message":"Request Entity Too Large"}');
    expect(counting.calls()).toBe(0);
  });

  it('refuses on content-length alone, before a byte of the body is sent', async () => {
    const counting = createCountingHandler();
    const { url } = await serve(counting.handler);

    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: { 'Content-Length': String(11 * 1024 * 1024) },
        agent: false,
      });
      req.on('response', (res) => {
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });

    expect(status).toBe(413);
    expect(counting.calls()).toBe(0);
  });

  it('refuses an 11 MB chunked body with 413 before the handler runs', async () => {
    const counting = createCountingHandler();
    const { url } = await serve(counting.handler);
    const chunks = Array.from({ length: 11 }, () => Buffer.alloc(1024 * 1024, 2));

    const response = await send(url, { method: 'POST', body: chunks });

    expect(response.status).toBe(413);
    expect(counting.calls()).toBe(0);
  });

  it('refuses a body whose event would exceed the Lambda 6 MB invoke limit (5 MB binary, base64)', async () => {
    const counting = createCountingHandler();
    const { url } = await serve(counting.handler);

    const response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.alloc(5 * 1024 * 1024, 3),
    });

    expect(response.status).toBe(413);
    expect(response.body.toString()).toBe('{"message":"Request Too Long"}');
    expect(counting.calls()).toBe(0);
  });

  it('passes a 4 MB text body to the handler', async () => {
    const counting = createCountingHandler();
    const { url } = await serve(counting.handler);

    const response = await send(url, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: Buffer.alloc(4 * 1024 * 1024, 'a'),
    });

    expect(response.status).toBe(200);
    expect(counting.calls()).toBe(1);
  });

  it('answers 431 (Node itself) when request line and headers pass 10240 bytes', async () => {
    const counting = createCountingHandler();
    const { url } = await serve(counting.handler);

    const tooBig = await send(url, { headers: { 'X-Big': 'a'.repeat(10_300) } });
    const fits = await send(url, { headers: { 'X-Big': 'a'.repeat(9_000) } });

    expect(tooBig.status).toBe(431);
    expect(fits.status).toBe(200);
    expect(counting.calls()).toBe(1);
  });
});

describe('gateway shim, end to end: lifecycle', () => {
  it('reports the real port when asked for port 0', async () => {
    const gateway = await startGateway({ handler: echo, port: 0, log: () => undefined });
    gateways.push(gateway);

    expect(gateway.port).toBeGreaterThan(0);
    expect(gateway.url).toBe(`http://127.0.0.1:${gateway.port}`);
  });

  it('closes promptly although a client keeps its connection alive', async () => {
    const gateway = await startGateway({ handler: inferredText, port: 0, log: () => undefined });
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      httpRequest(gateway.url, { agent }, (res) => res.resume().on('end', resolve))
        .on('error', reject)
        .end();
    });

    const started = Date.now();
    await gateway.close();

    expect(Date.now() - started).toBeLessThan(1_000);
    agent.destroy();
  });

  it('needs a handler or an invoker', async () => {
    await expect(startGateway({ port: 0 })).rejects.toThrow(
      'startGateway needs a handler or an invoker',
    );
  });
});
