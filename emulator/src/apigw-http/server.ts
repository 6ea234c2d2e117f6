import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assemble } from './assemble.js';
import { gatewayError, type GatewayResponse } from './errors.js';
import type { GatewayOptions } from './options.js';
import { describeError } from './integration.js';
import { runRequest } from './pipeline.js';
import { newRequestId } from './requestId.js';

export type { GatewayOptions } from './options.js';

/**
 * HTTP API quota "Total combined size of request line and header values: 10240 bytes" (AWS doc
 * limits.md). Node's parser enforces `maxHeaderSize` and answers `431 Request Header Fields Too
 * Large` itself, before any of our code runs, so that 431 has no JSON body and no `apigw-requestid`.
 * Node's count is approximate (it counts header names too, and measured on Node 20 a GET is refused
 * from about 10,265 raw bytes); AWS's exact accounting is NOT CONFIRMED.
 */
export const MAX_HEADER_BYTES = 10_240;

export interface Gateway {
  url: string;
  port: number;
  /** Stops listening, closes idle keep-alive sockets, and resolves once in-flight requests end. */
  close(): Promise<void>;
}

/**
 * Serves a Lambda function behind an emulated API Gateway HTTP API (payload format 2.0): the
 * config's stage and routes (default: the `$default` route on the `$default` stage), throttling,
 * authorizers and CORS, then request -> 2.0 event -> function -> 2.0 response mapping.
 *
 * @example
 * const gateway = await startGateway({ handler: await loadHandler('dist/lambda.js'), port: 3000 });
 * // curl http://127.0.0.1:3000/health
 * await gateway.close();
 *
 * const routed = await startGateway({ config: 'gateway.json', port: 3000 }); // config.function
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { settings, close: closeOwned } = await assemble(options);
  let closing = false;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const requestId = newRequestId();
    runRequest(req, requestId, settings).then(
      (response) => (response ? writeResponse(req, res, response, closing) : res.destroy()),
      (err: unknown) => {
        settings.log(`${requestId} gateway error: ${describeError(err)}`);
        writeResponse(req, res, gatewayError('internal', requestId), closing);
      },
    );
  });
  const address = await listen(server, options.port, options.host ?? '127.0.0.1').catch(
    async (err: unknown) => {
      await closeOwned();
      throw err;
    },
  );
  return {
    url: `http://${urlHost(address.address)}:${address.port}`,
    port: address.port,
    close: async () => {
      closing = true; // responses still in flight say `connection: close`
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Without this, an idle keep-alive client holds close() open for its 5 s keep-alive timeout.
        server.closeIdleConnections();
      });
      await closeOwned();
    },
  };
}

function writeResponse(
  req: IncomingMessage,
  res: ServerResponse,
  response: GatewayResponse,
  closing: boolean,
): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  // An answer given before the body was read (404, 413...): closing is cheaper than reading up to
  // 10 MB we will not use.
  if (closing || !req.complete) res.setHeader('connection', 'close');
  res.end(response.body);
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** A URL a local client can use: wildcard addresses become loopback, IPv6 gets brackets. */
function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}
