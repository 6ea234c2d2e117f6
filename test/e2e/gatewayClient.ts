import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from 'node:http';
import {
  startGateway,
  type Gateway,
  type GatewayOptions,
} from '../../emulator/src/apigw-http/index.js';

/** Helpers shared by the gateway end-to-end suites (`gateway*.test.ts`). */

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface SendOptions {
  method?: string;
  path?: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string;
}

/**
 * Real HTTP with node:http, which (unlike fetch) can send repeated headers, any method and a body
 * on GET. A fresh connection each time (`agent: false`), so no test depends on another's socket.
 */
export function send(url: string, options: SendOptions = {}): Promise<RawResponse> {
  const { method = 'GET', path = '/', body } = options;
  // Node sends a GET body unframed unless told its length.
  const headers =
    body === undefined
      ? (options.headers ?? {})
      : { 'content-length': Buffer.byteLength(body), ...options.headers };
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: bytes,
          text: bytes.toString(),
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export interface Served {
  url: string;
  gateway: Gateway;
  /** Every line the gateway logged. */
  logs: string[];
}

/** Starts gateways on free ports and closes them all in `closeAll` (call it from `afterAll`). */
export function gatewayHarness(): {
  serve(options: Omit<GatewayOptions, 'port'>): Promise<Served>;
  closeAll(): Promise<void>;
} {
  const started: Gateway[] = [];
  return {
    async serve(options) {
      const logs: string[] = [];
      const gateway = await startGateway({ log: (line) => logs.push(line), ...options, port: 0 });
      started.push(gateway);
      return { url: gateway.url, gateway, logs };
    },
    async closeAll() {
      await Promise.all(started.splice(0).map((gateway) => gateway.close()));
    },
  };
}

export const json = <T>(response: RawResponse): T => JSON.parse(response.text) as T;

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
