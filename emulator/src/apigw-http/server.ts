import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handler } from 'aws-lambda';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import { DEFAULT_FUNCTION_SETTINGS, type FunctionSettings } from './context.js';
import { gatewayError, type GatewayResponse } from './errors.js';
import type { ApiIdentity } from './event.js';
import { InProcessInvoker, type Invoker } from './invoker.js';
import { describeError, runRequest, type PipelineSettings } from './pipeline.js';
import { newRequestId } from './requestId.js';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from './response.js';

/**
 * HTTP API quota "Total combined size of request line and header values: 10240 bytes" (AWS doc
 * limits.md). Node's parser enforces `maxHeaderSize` and answers `431 Request Header Fields Too
 * Large` itself, before any of our code runs, so that 431 has no JSON body and no `apigw-requestid`.
 * Node's count is approximate (it counts header names too, and measured on Node 20 a GET is refused
 * from about 10,265 raw bytes); AWS's exact accounting is NOT CONFIRMED.
 */
export const MAX_HEADER_BYTES = 10_240;

export interface GatewayOptions {
  /** The Lambda handler to run in process; give this or `invoker`. */
  handler?: Handler;
  /** How to invoke the function; give this or `handler`. */
  invoker?: Invoker;
  /** 0 picks a free port; the real one is in the result. */
  port: number;
  /** Defaults to `127.0.0.1`; pass `0.0.0.0` to listen on every interface. */
  host?: string;
  /** Default 10 MB (10,485,760 bytes), the HTTP API payload quota. */
  maxBodyBytes?: number;
  /** Default 6 MiB, Lambda's invoke limit, applied to the event's JSON size. */
  maxEventBytes?: number;
  /** Ids in `requestContext`; defaults: account `000000000000`, api `windtunnel`, host as domain. */
  api?: Partial<ApiIdentity>;
  /** What the handler's `context` says about the function. */
  fn?: Partial<FunctionSettings>;
  /** One line per failed invocation or malformed result, with the request id. Default: stderr. */
  log?: (line: string) => void;
}

export interface Gateway {
  url: string;
  port: number;
  /** Stops listening, closes idle keep-alive sockets, and resolves once in-flight requests end. */
  close(): Promise<void>;
}

/**
 * Serves one Lambda handler behind an emulated API Gateway HTTP API (`$default` route and stage,
 * payload format 2.0): request -> 2.0 event -> handler -> 2.0 response mapping.
 *
 * @example
 * const gateway = await startGateway({ handler: await loadHandler('dist/lambda.js'), port: 3000 });
 * // curl http://127.0.0.1:3000/health
 * await gateway.close();
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const settings = pipelineSettings(options);
  let closing = false;
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const requestId = newRequestId();
    runRequest(req, requestId, settings).then(
      (response) => (response ? writeResponse(res, response, closing) : res.destroy()),
      (err: unknown) => {
        settings.log(`${requestId} gateway error: ${describeError(err)}`);
        writeResponse(res, gatewayError('internal', requestId), closing);
      },
    );
  });
  const address = await listen(server, options.port, options.host ?? '127.0.0.1');
  return {
    url: `http://${urlHost(address.address)}:${address.port}`,
    port: address.port,
    close: () => {
      closing = true; // responses still in flight say `connection: close`
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Without this, an idle keep-alive client holds close() open for its 5 s keep-alive timeout.
        server.closeIdleConnections();
      });
    },
  };
}

function pipelineSettings(options: GatewayOptions): PipelineSettings {
  const fn = { ...DEFAULT_FUNCTION_SETTINGS, ...options.fn };
  return {
    invoker: chooseInvoker(options),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    maxEventBytes: options.maxEventBytes ?? LAMBDA_RESPONSE_LIMIT_BYTES,
    api: { accountId: fn.accountId, apiId: 'windtunnel', ...options.api },
    fn,
    log: options.log ?? ((line) => console.error(line)),
  };
}

function chooseInvoker(options: GatewayOptions): Invoker {
  if (options.invoker && options.handler) {
    throw new TypeError('Pass either handler or invoker to startGateway, not both');
  }
  if (options.invoker) return options.invoker;
  if (options.handler) return new InProcessInvoker(options.handler);
  throw new TypeError('startGateway needs a handler or an invoker');
}

function writeResponse(res: ServerResponse, response: GatewayResponse, closing: boolean): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  // A refused upload may still be arriving: closing is cheaper than reading 10 MB we will not use.
  if (closing || response.statusCode === 413) res.setHeader('connection', 'close');
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
