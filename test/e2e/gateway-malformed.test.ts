import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../../emulator/src/apigw-http/index.js';
import { createCountingHandler } from '../fixtures/handlers/counting.js';

// Security: requests that are not well-formed HTTP, or that could be read two ways (request
// smuggling), are refused before an event is built, so the function never sees them.

function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
  });
}

describe('gateway: malformed requests never reach the function', () => {
  const counting = createCountingHandler();
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ handler: counting.handler, port: 0, log: () => {} });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  it.each([
    ['a broken request line', 'GARBAGE\r\n\r\n'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: x\r\nno-colon-here\r\n\r\n'],
    ['a control character in a header value', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n'],
    [
      'both content-length and chunked transfer-encoding (smuggling)',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    [
      'two different content-lengths',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab',
    ],
    [
      'a bad chunk size',
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n',
    ],
  ])('refuses %s with 400', async (_name, request) => {
    const before = counting.calls();
    const answer = await raw(gateway.port, request);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(counting.calls()).toBe(before);
  });

  it('still serves a well-formed request on a fresh connection', async () => {
    const answer = await raw(
      gateway.port,
      'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(counting.calls()).toBe(1);
  });
});
