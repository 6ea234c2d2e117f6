import type { IncomingMessage } from 'node:http';
import {
  RequestEntityTooLargeException,
  SerializationException,
  UnknownOperationException,
} from './errors.js';

/**
 * Reading an AWS JSON 1.0 request: `POST /`, `X-Amz-Target: Timestream_20181101.<Operation>`,
 * a JSON object body (research §4.1). Credentials and signatures are not checked: the emulator
 * accepts any caller, as its brief says.
 */
export const TARGET_PREFIX = 'Timestream_20181101.';

/** The operation named by X-Amz-Target, or an UnknownOperationException saying what is wrong. */
export function operationOf(target: string | undefined): string {
  if (!target) {
    throw new UnknownOperationException(
      `The request has no X-Amz-Target header; expected ${TARGET_PREFIX}<Operation>.`,
    );
  }
  if (!target.startsWith(TARGET_PREFIX) || target.length === TARGET_PREFIX.length) {
    throw new UnknownOperationException(
      `X-Amz-Target '${target}' is not a Timestream operation; expected ${TARGET_PREFIX}<Operation>.`,
    );
  }
  return target.slice(TARGET_PREFIX.length);
}

/** The body, refused once it passes `limit` bytes (by Content-Length or while streaming). */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** An empty body is `{}` (what SDKs send for an operation without input). */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SerializationException('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SerializationException('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/**
 * The region of the SigV4 credential scope, `Credential=<key>/<date>/<region>/<service>/aws4_request`
 * in the Authorization header, used only to write ARNs the way the caller's region would.
 */
export function regionOf(authorization: string | undefined): string | undefined {
  const match = /Credential=[^/,\s]*\/\d{8}\/([a-z0-9-]+)\//.exec(authorization ?? '');
  return match?.[1];
}

function tooLarge(limit: number): RequestEntityTooLargeException {
  return new RequestEntityTooLargeException(
    `The request body is larger than ${limit} bytes, the limit of windtunnel's Timestream emulator.`,
  );
}
