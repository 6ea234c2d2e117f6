import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import express from 'express';
import serverless from 'serverless-http';
import { describe, expect, it } from 'vitest';
import { errorHandler } from './errorHandler.js';
import { jsonBody } from './jsonBody.js';

/** An app that echoes what `jsonBody` made of the request, with the app's error handler. */
const app = express();
app.post('/', jsonBody(100), (req, res) => {
  res.json({ body: req.body as unknown });
});
app.use(errorHandler({ error: () => {}, warn: () => {} }));
const lambda = serverless(app);

type Case = [name: string, body: Buffer, headers: Record<string, string>];
const JSON_TYPE = { 'content-type': 'application/json' };
const CASES: Case[] = [
  ['a JSON object', Buffer.from('{"a":[1,"é",null]}'), JSON_TYPE],
  ['any JSON value', Buffer.from('"text"'), JSON_TYPE],
  ['no content type', Buffer.from('[1,2]'), {}],
  ['a byte-order mark', Buffer.from('\uFEFF{"a":1}'), JSON_TYPE],
  ['an empty body', Buffer.alloc(0), JSON_TYPE],
  ['bad JSON', Buffer.from('{"a":'), JSON_TYPE],
  ['over the limit', Buffer.from(JSON.stringify({ a: 'x'.repeat(120) })), JSON_TYPE],
  ['a gzip body', gzipSync('{"zipped":true}'), { ...JSON_TYPE, 'content-encoding': 'gzip' }],
  [
    'a Latin-1 body',
    Buffer.from('{"name":"Zuid-Holland é"}', 'latin1'),
    { 'content-type': 'application/json; charset=iso-8859-1' },
  ],
  ['UTF-8 named', Buffer.from('{"ü":1}'), { 'content-type': 'application/json; charset=UTF-8' }],
];

/** Through serverless-http, as in Lambda: the body is a Buffer before the app runs. */
async function viaLambda(body: Buffer, headers: Record<string, string>) {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/',
    rawQueryString: '',
    headers: { ...headers, 'content-length': String(body.length) },
    requestContext: {
      http: { method: 'POST', path: '/', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1' },
      requestId: 'r',
      stage: '$default',
    },
    body: body.toString('base64'),
    isBase64Encoded: true,
  } as unknown as APIGatewayProxyEventV2;
  const result = (await lambda(event, {} as Context)) as APIGatewayProxyStructuredResultV2;
  return { status: result.statusCode, body: JSON.parse(result.body ?? '') as unknown };
}

/** Over a real socket, the bytes as given: body-parser reads the stream. */
async function viaHttp(body: Buffer, headers: Record<string, string>) {
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers,
      body: new Uint8Array(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  } finally {
    server.close();
  }
}

describe('jsonBody', () => {
  it.each(CASES)('reads %s in Lambda as body-parser does over HTTP', async (_, body, headers) => {
    const lambdaAnswer = await viaLambda(body, headers);
    expect(lambdaAnswer).toEqual(await viaHttp(body, headers));
    expect(lambdaAnswer.status).toBeGreaterThan(0);
  });

  it('answers what the cases expect', async () => {
    const answers = await Promise.all(CASES.map(([, body, headers]) => viaLambda(body, headers)));
    expect(answers.map((a) => a.status)).toEqual([
      200, 200, 200, 200, 200, 400, 413, 200, 415, 200,
    ]);
    expect(answers[0]!.body).toEqual({ body: { a: [1, 'é', null] } });
    expect(answers[3]!.body).toEqual({ body: { a: 1 } });
    expect(answers[4]!.body).toEqual({ body: {} });
    expect(answers[5]!.body).toMatchObject({ error: { code: 'InvalidJson' } });
    expect(answers[6]!.body).toMatchObject({ error: { code: 'PayloadTooLarge' } });
    expect(answers[7]!.body).toEqual({ body: { zipped: true } });
    // body-parser takes JSON in UTF-8 only.
    expect(answers[8]!.body).toMatchObject({ error: { code: 'BadRequest' } });
  });
});
