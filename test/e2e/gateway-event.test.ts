import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_PATTERN } from '../../emulator/src/apigw-http/index.js';
import { handler as probe, type ProbeAnswer } from '../fixtures/handlers/probe.js';
import { gatewayHarness, json, send } from './gatewayClient.js';

/** The rules of the payload format 2.0 event (research note section 1), over real HTTP. */

const harness = gatewayHarness();
afterAll(() => harness.closeAll());

describe('fidelity: the rules of the 2.0 event', () => {
  it('lower-cases names and joins repeated headers with a bare comma (serverless-offline keeps the last; SAM the first)', async () => {
    const { url } = await harness.serve({ handler: probe });

    const { event } = json<ProbeAnswer>(
      await send(url, { headers: { 'X-Dup': ['first', 'second'], 'X-Mixed-Case': 'v' } }),
    );

    expect(event.headers['x-dup']).toBe('first,second');
    expect(event.headers['x-mixed-case']).toBe('v');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('moves every cookie header into cookies and drops it from headers (both tools keep it)', async () => {
    const { url } = await harness.serve({ handler: probe });

    const { event } = json<ProbeAnswer>(
      await send(url, { headers: { Cookie: ['a=1; b=2', 'c=3'] } }),
    );

    expect(event.cookies).toEqual(['a=1', 'b=2', 'c=3']);
    expect(event.headers).not.toHaveProperty('cookie');
  });

  it('keeps rawQueryString raw and comma-joins decoded query values (serverless-offline re-encodes)', async () => {
    const { url } = await harness.serve({ handler: probe });

    const { event } = json<ProbeAnswer>(await send(url, { path: '/q?a=1&a=2&s=x%20y+z&e=' }));

    expect(event.rawQueryString).toBe('a=1&a=2&s=x%20y+z&e=');
    expect(event.queryStringParameters).toEqual({ a: '1,2', s: 'x y z', e: '' });
  });

  it('adds x-forwarded-for/port/proto and x-amzn-trace-id (SAM adds no x-forwarded-for or trace id)', async () => {
    const { url } = await harness.serve({ handler: probe });

    const { event } = json<ProbeAnswer>(
      await send(url, { headers: { 'X-Forwarded-For': '203.0.113.9' } }),
    );

    expect(event.headers['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
    expect(event.headers['x-forwarded-port']).toBe(new URL(url).port);
    expect(event.headers['x-forwarded-proto']).toBe('http');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it('sets isBase64Encoded from the content type: image/jpeg as base64, text as text (serverless-offline corrupts jpeg)', async () => {
    const { url } = await harness.serve({ handler: probe });
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x80,
    ]);

    const image = json<ProbeAnswer>(
      await send(url, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: jpeg }),
    ).event;
    const text = json<ProbeAnswer>(
      await send(url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'héllo' }),
    ).event;

    expect(image.isBase64Encoded).toBe(true);
    expect(Buffer.from(image.body ?? '', 'base64').equals(jpeg)).toBe(true);
    expect(text).toMatchObject({ isBase64Encoded: false, body: 'héllo' });
  });

  it('gives each request a new AWS-shaped id, the same as its apigw-requestid, and ms timeEpoch (SAM freezes both, in seconds)', async () => {
    const { url } = await harness.serve({ handler: probe });

    const responses = await Promise.all([send(url), send(url), send(url)]);
    const events = responses.map((r) => json<ProbeAnswer>(r).event);

    expect(new Set(events.map((e) => e.requestContext.requestId)).size).toBe(3);
    events.forEach((event: APIGatewayProxyEventV2, i) => {
      expect(event.requestContext.requestId).toMatch(REQUEST_ID_PATTERN);
      expect(responses[i]?.headers['apigw-requestid']).toBe(event.requestContext.requestId);
      expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(10_000);
    });
  });

  it('omits empty optional keys instead of sending null (serverless-offline and SAM send null, {} or "")', async () => {
    const { url } = await harness.serve({
      handler: probe,
      config: { routes: [{ routeKey: 'GET /x' }] },
    });

    const { event } = json<ProbeAnswer>(await send(url, { path: '/x' }));

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
  });
});
