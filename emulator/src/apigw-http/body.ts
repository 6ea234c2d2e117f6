import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/** HTTP API payload quota: 10 MB, not increasable (AWS doc limits.md, HTTP API table). */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: 'tooLarge' };

/**
 * Whether the declared `content-length` is already over the limit, so the request can be refused
 * before a byte of its body is read. Node's parser has already rejected malformed or conflicting
 * `content-length` headers with 400.
 */
export function declaredTooLarge(headers: IncomingHttpHeaders, maxBytes: number): boolean {
  const declared = headers['content-length'];
  return declared !== undefined && Number(declared) > maxBytes;
}

/**
 * Buffers a request body, as API Gateway does before it invokes Lambda, but gives up as soon as
 * more than `maxBytes` have arrived: a chunked upload has no `content-length` to check up front.
 * After giving up, the rest of the body is discarded unread (the stream is left flowing) until the
 * server closes the connection. Rejects if the client goes away mid-body.
 */
export function readBody(stream: Readable, maxBytes: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      detach();
      chunks.length = 0;
      stream.resume();
      resolve({ ok: false, reason: 'tooLarge' });
    };
    const onEnd = (): void => {
      detach();
      resolve({ ok: true, body: Buffer.concat(chunks, size) });
    };
    const onClose = (): void => {
      detach();
      reject(new Error('client closed the connection before the body was complete'));
    };
    const detach = (): void => {
      stream.off('data', onData).off('end', onEnd).off('error', onClose).off('close', onClose);
    };
    stream.on('data', onData).on('end', onEnd).on('error', onClose).on('close', onClose);
  });
}
