import type { IncomingMessage } from 'node:http';
import { declaredTooLarge, readBody } from './body.js';
import { createLambdaContext, type FunctionSettings } from './context.js';
import { gatewayError, type GatewayResponse } from './errors.js';
import { buildEvent, requestHeadOf, type ApiIdentity } from './event.js';
import type { Invoker } from './invoker.js';
import { toGatewayResponse } from './response.js';

export interface PipelineSettings {
  invoker: Invoker;
  maxBodyBytes: number;
  maxEventBytes: number;
  api: ApiIdentity;
  fn: FunctionSettings;
  log: (line: string) => void;
}

/**
 * One request through the gateway, in API Gateway's order: size checks, the 2.0 event, the
 * invocation, the response mapping. Function failures become the gateway's 500, logged with the
 * request id and never shown to the client. Resolves `undefined` when the client left mid-body.
 */
export async function runRequest(
  req: IncomingMessage,
  requestId: string,
  settings: PipelineSettings,
): Promise<GatewayResponse | undefined> {
  const now = new Date();
  if (declaredTooLarge(req.headers, settings.maxBodyBytes)) {
    req.resume(); // discard whatever is already in flight; the server closes the connection
    return gatewayError('tooLarge', requestId);
  }
  const read = await readBody(req, settings.maxBodyBytes).catch(() => undefined);
  if (read === undefined) return undefined;
  if (!read.ok) return gatewayError('tooLarge', requestId);

  const event = buildEvent(requestHeadOf(req), read.body, { ...settings.api, requestId, now });
  // The invoke payload is the event's JSON; binary bodies grow by a third as base64.
  const eventBytes = Buffer.byteLength(JSON.stringify(event));
  if (eventBytes > settings.maxEventBytes) {
    settings.log(`${requestId} event of ${eventBytes} bytes exceeds Lambda's invoke limit`);
    return gatewayError('eventTooLarge', requestId);
  }

  let result: unknown;
  try {
    result = await settings.invoker.invoke(event, createLambdaContext(settings.fn));
  } catch (err) {
    settings.log(`${requestId} handler failed: ${describeError(err)}`);
    return gatewayError('internal', requestId);
  }
  const { response, problem } = toGatewayResponse(result, requestId);
  if (problem) settings.log(`${requestId} malformed Lambda result: ${problem}`);
  return response;
}

/** `Name: message`, one line: a log line per failure, and stacks stay out of responses. */
export function describeError(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/\s*\n\s*/g, ' ');
}
