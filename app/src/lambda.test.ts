import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLambdaFunction } from './lambda.js';

// A payload format 2.0 event recorded from a real HTTP API (see test/fixtures/apigw/README.md).
const recorded = JSON.parse(
  readFileSync(
    new URL('../../test/fixtures/apigw/v2-get-no-authorizer.json', import.meta.url),
    'utf8',
  ),
) as APIGatewayProxyEventV2;
const context = {
  awsRequestId: 'test',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

function request(method: string, path: string, body?: unknown): APIGatewayProxyEventV2 {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return {
    ...recorded,
    rawPath: path,
    headers: {
      ...recorded.headers,
      'content-length': String(text?.length ?? 0),
      ...(text ? { 'content-type': 'application/json' } : {}),
    },
    requestContext: {
      ...recorded.requestContext,
      http: { ...recorded.requestContext.http, method, path },
    },
    ...(text ? { body: text } : {}),
  };
}

const invoke = async (fn: ReturnType<typeof createLambdaFunction>, event: APIGatewayProxyEventV2) =>
  (await fn.handler(event, context)) as APIGatewayProxyStructuredResultV2;

describe('the Lambda handler (serverless-http around the Express app)', () => {
  it('answers a recorded API Gateway event with a payload 2.0 result', async () => {
    const fn = createLambdaFunction({});
    const result = await invoke(fn, request('GET', '/health'));
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(false);
    expect(JSON.parse(result.body!)).toEqual({
      status: 'ok',
      storage: { backend: 'memory', status: 'ok' },
    });
    await fn.shutdown();
  });

  it('parses a JSON body from the event and keeps the store between invocations', async () => {
    const fn = createLambdaFunction({ STORAGE_BACKEND: 'memory', DEVICE_AUTH: 'off' });
    const record = {
      Dimensions: [{ Name: 'turbine_id', Value: 'T1' }],
      MeasureName: 'power_kw',
      MeasureValue: '5',
      Time: String(Date.now()),
    };
    const first = await invoke(fn, request('POST', '/measurements', record));
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body!)).toEqual({ stored: [0], rejected: [] });
    const conflict = await invoke(
      fn,
      request('POST', '/measurements', { ...record, MeasureValue: '6' }),
    );
    expect(conflict.statusCode).toBe(409); // the first record is still there: a warm environment
    await fn.shutdown();
  });

  it('fails the invocation when the configuration is bad, naming the variable, and retries the start', async () => {
    const env: Record<string, string> = { STORAGE_BACKEND: 'sqlite' };
    const fn = createLambdaFunction(env);
    await expect(invoke(fn, request('GET', '/health'))).rejects.toThrow(/STORAGE_BACKEND/);
    env.STORAGE_BACKEND = 'memory';
    expect((await invoke(fn, request('GET', '/health'))).statusCode).toBe(200);
    await fn.shutdown();
  });
});
