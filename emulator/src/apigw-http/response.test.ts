import { describe, expect, it } from 'vitest';
import { LAMBDA_RESPONSE_LIMIT_BYTES, toGatewayResponse } from './response.js';

const ID = 'q3Vb0Zk-T1aXw2E=';
const INTERNAL = '{"message":"Internal Server Error"}';

describe('toGatewayResponse: results without statusCode (inferred)', () => {
  it('sends a string as the body itself, 200, application/json', () => {
    const { response } = toGatewayResponse('Hello from Lambda!', ID);

    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'apigw-requestid': ID });
    expect(response.body.toString()).toBe('Hello from Lambda!');
  });

  it.each([
    [{ message: 'hi' }, '{"message":"hi"}'],
    [42, '42'],
    [[1, 2], '[1,2]'],
    [{ body: 'x', headers: { a: 'b' } }, '{"body":"x","headers":{"a":"b"}}'],
    [undefined, 'null'],
  ])('sends %j as its JSON text', (result, body) => {
    const { response, problem } = toGatewayResponse(result, ID);

    expect(problem).toBeUndefined();
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe(body);
  });
});

describe('toGatewayResponse: structured results', () => {
  it('maps status, headers and body, and adds apigw-requestid', () => {
    const { response } = toGatewayResponse(
      { statusCode: 201, headers: { 'Content-Type': 'text/plain', 'X-N': 5 }, body: 'made' },
      ID,
    );

    expect(response).toEqual({
      statusCode: 201,
      headers: { 'content-type': 'text/plain', 'x-n': '5', 'apigw-requestid': ID },
      body: Buffer.from('made'),
    });
  });

  it('makes each cookie its own set-cookie header, after one given in headers', () => {
    const { response } = toGatewayResponse(
      { statusCode: 200, headers: { 'set-cookie': 'z=0' }, cookies: ['a=1; Path=/', 'b=2'] },
      ID,
    );

    expect(response.headers['set-cookie']).toEqual(['z=0', 'a=1; Path=/', 'b=2']);
  });

  it('decodes a base64 body byte for byte', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);

    const { response } = toGatewayResponse(
      { statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true },
      ID,
    );

    expect(response.body.equals(bytes)).toBe(true);
  });

  it('drops framing headers the gateway sets itself', () => {
    const { response } = toGatewayResponse(
      {
        statusCode: 200,
        headers: { 'content-length': '999', 'transfer-encoding': 'chunked', connection: 'close' },
      },
      ID,
    );

    expect(response.headers).toEqual({ 'apigw-requestid': ID });
  });

  it('sends an empty body when body is absent or null', () => {
    expect(toGatewayResponse({ statusCode: 204 }, ID).response.body).toHaveLength(0);
    expect(toGatewayResponse({ statusCode: 200, body: null }, ID).response.body).toHaveLength(0);
  });
});

describe('toGatewayResponse: malformed results become 500', () => {
  it.each([
    ['a string statusCode', { statusCode: '200' }],
    ['a fractional statusCode', { statusCode: 200.5 }],
    ['a statusCode below 100', { statusCode: 99 }],
    ['a statusCode above 599', { statusCode: 600 }],
    ['an object body', { statusCode: 200, body: { a: 1 } }],
    ['a number body', { statusCode: 200, body: 5 }],
    ['headers that are a string', { statusCode: 200, headers: 'x' }],
    ['headers that are an array', { statusCode: 200, headers: ['a'] }],
    ['a header whose value is an object', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['a header value with a line break', { statusCode: 200, headers: { a: 'x\r\ny: z' } }],
    ['a header name with a space', { statusCode: 200, headers: { 'a b': 'x' } }],
    ['cookies that are a string', { statusCode: 200, cookies: 'a=1' }],
    ['a non-boolean isBase64Encoded', { statusCode: 200, isBase64Encoded: 'yes' }],
  ])('%s', (_name, result) => {
    const { response, problem } = toGatewayResponse(result, ID);

    expect(response.statusCode).toBe(500);
    expect(response.body.toString()).toBe(INTERNAL);
    expect(response.headers).toEqual({ 'content-type': 'application/json', 'apigw-requestid': ID });
    expect(problem).toEqual(expect.any(String));
  });

  it('a result that cannot be serialized (circular)', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;

    const { response, problem } = toGatewayResponse(circular, ID);

    expect(response.statusCode).toBe(500);
    expect(problem).toMatch(/JSON/);
  });

  it('a result over 6 MB, but not one just under', () => {
    const over = { statusCode: 200, body: 'x'.repeat(LAMBDA_RESPONSE_LIMIT_BYTES) };
    const under = 'x'.repeat(LAMBDA_RESPONSE_LIMIT_BYTES - 2); // the JSON adds two quotes

    expect(LAMBDA_RESPONSE_LIMIT_BYTES).toBe(6_291_456);
    expect(toGatewayResponse(over, ID).response.statusCode).toBe(500);
    expect(toGatewayResponse(under, ID).response.statusCode).toBe(200);
  });
});
