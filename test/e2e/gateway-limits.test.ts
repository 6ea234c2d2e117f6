import { afterAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_PATTERN } from '../../emulator/src/apigw-http/index.js';
import { createCountingHandler } from '../fixtures/handlers/counting.js';
import { handler as large } from '../fixtures/handlers/large.js';
import { finished, handler as slow } from '../fixtures/handlers/slow.js';
import { gatewayHarness, send, sleep } from './gatewayClient.js';

const harness = gatewayHarness();
afterAll(() => harness.closeAll());

describe('limits: the integration timeout', () => {
  it('answers 503 Service Unavailable at the route timeout and discards the late result (serverless-offline: 504, SAM: none)', async () => {
    const { url, logs } = await harness.serve({
      handler: slow,
      config: { routes: [{ routeKey: 'GET /slow', timeoutMs: 100 }] },
    });

    const started = Date.now();
    const response = await send(url, { path: '/slow?ms=400' });
    const elapsed = Date.now() - started;
    const requestId = response.headers['apigw-requestid'] as string;

    expect(response.status).toBe(503);
    expect(response.text).toBe('{"message":"Service Unavailable"}');
    expect(requestId).toMatch(REQUEST_ID_PATTERN);
    expect(elapsed).toBeLessThan(350);
    expect(finished).not.toContain(requestId);
    // The invocation runs on in its environment until it ends; only its answer is thrown away.
    await sleep(450);
    expect(finished).toContain(requestId);
    expect(logs).toEqual([
      `${requestId} integration timed out after 100 ms`,
      `${requestId} late result discarded`,
    ]);
  });

  it('waits for a function that answers within the route timeout', async () => {
    const { url } = await harness.serve({
      handler: slow,
      config: { routes: [{ routeKey: 'GET /slow', timeoutMs: 1_000 }] },
    });

    const response = await send(url, { path: '/slow?ms=50' });

    expect(response.status).toBe(200);
    expect(response.text).toBe('slept 50 ms');
  });
});

describe('limits: throttling', () => {
  it('answers 429 Too Many Requests once the stage bucket is empty, before the function runs (neither tool throttles)', async () => {
    const counting = createCountingHandler();
    const { url } = await harness.serve({
      handler: counting.handler,
      config: { throttle: { rateLimit: 0.001, burstLimit: 2 } },
    });

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await send(url));

    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(statuses[2]?.text).toBe('{"message":"Too Many Requests"}');
    expect(statuses[2]?.headers['apigw-requestid']).toMatch(REQUEST_ID_PATTERN);
    expect(counting.calls()).toBe(2);
  });

  it('applies a route limit on top of the stage limit, leaving other routes alone', async () => {
    const { url } = await harness.serve({
      handler: createCountingHandler().handler,
      config: {
        routes: [
          { routeKey: 'GET /limited', throttle: { rateLimit: 0.001, burstLimit: 1 } },
          { routeKey: '$default' },
        ],
      },
    });

    const first = await send(url, { path: '/limited' });
    const second = await send(url, { path: '/limited' });
    const other = await send(url, { path: '/other' });

    expect([first.status, second.status, other.status]).toEqual([200, 429, 200]);
  });
});

describe('limits: sizes', () => {
  it('answers 500 when the function returns more than 6 MB (no tool checks this)', async () => {
    const { url, logs } = await harness.serve({ handler: large });

    const tooBig = await send(url, { path: '/?mb=7' });
    const fits = await send(url, { path: '/?mb=5' });

    expect(tooBig.status).toBe(500);
    expect(tooBig.text).toBe('{"message":"Internal Server Error"}');
    expect(logs.some((line) => line.includes("exceeds Lambda's 6 MB limit"))).toBe(true);
    expect(fits.status).toBe(200);
    expect(fits.body.length).toBe(5 * 1024 * 1024);
  });

  it('refuses an 11 MB body on a route with 413 before the function runs (SAM has no limit)', async () => {
    const counting = createCountingHandler();
    const { url } = await harness.serve({
      handler: counting.handler,
      config: { routes: [{ routeKey: 'POST /upload' }] },
    });

    const response = await send(url, {
      method: 'POST',
      path: '/upload',
      body: Buffer.alloc(11 * 1024 * 1024, 1),
    });

    expect(response.status).toBe(413);
    expect(response.text).toBe('{"message":"Request Entity Too Large"}');
    expect(counting.calls()).toBe(0);
  });

  it("refuses a body under 10 MB whose event JSON passes Lambda's 6 MB invoke limit", async () => {
    const counting = createCountingHandler();
    const { url } = await harness.serve({
      handler: counting.handler,
      config: { routes: [{ routeKey: 'POST /upload' }] },
    });
    const text = { 'content-type': 'text/plain' };
    // 3.5 MB of quotes: each is escaped as \" in the event, 7 MB of JSON.
    const quotes = await send(url, {
      method: 'POST',
      path: '/upload',
      headers: text,
      body: Buffer.alloc(3.5 * 1024 * 1024, '"'),
    });
    // 5.5 MB of letters: the event stays under 6 MB.
    const letters = await send(url, {
      method: 'POST',
      path: '/upload',
      headers: text,
      body: Buffer.alloc(5.5 * 1024 * 1024, 'a'),
    });

    expect(quotes.status).toBe(413);
    expect(quotes.text).toBe('{"message":"Request Too Long"}');
    expect(letters.status).toBe(200);
    expect(counting.calls()).toBe(1);
  });

  it('answers 404 before looking at the size when no route matches', async () => {
    const { url } = await harness.serve({
      handler: createCountingHandler().handler,
      config: { routes: [{ routeKey: 'POST /upload' }] },
    });

    const response = await send(url, {
      method: 'POST',
      path: '/elsewhere',
      body: Buffer.alloc(11 * 1024 * 1024),
    });

    expect(response.status).toBe(404);
  });

  it('answers 431 before routing when request line and headers pass 10,240 bytes', async () => {
    const counting = createCountingHandler();
    const { url } = await harness.serve({ handler: counting.handler });

    const response = await send(url, { headers: { 'x-big': 'a'.repeat(10_300) } });

    expect(response.status).toBe(431);
    expect(counting.calls()).toBe(0);
  });
});
