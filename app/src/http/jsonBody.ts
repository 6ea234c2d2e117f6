import express, { type RequestHandler } from 'express';
import { invalidJson, payloadTooLarge } from '../errors.js';

/**
 * The request body as JSON (any JSON value), whatever the content type says: devices do not
 * always send one.
 *
 * In Lambda, serverless-http has the whole body as a Buffer on `req.body` before the app runs, so a
 * plain UTF-8 body is parsed from it directly; body-parser would stream the same bytes through
 * the request again. Anything else (a compressed or non-UTF-8 body, or a real HTTP request as in
 * the supertest tests) goes to body-parser (`express.json`). Both refuse the same way: over
 * `limitBytes` is 413 PayloadTooLarge, bad JSON is 400 InvalidJson, an empty body is `{}`.
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const streamed = express.json({ limit: limitBytes, type: () => true, strict: false });
  return (req, res, next) => {
    const raw: unknown = req.body;
    if (!Buffer.isBuffer(raw) || !plainUtf8(req.headers)) return streamed(req, res, next);
    if (raw.length > limitBytes) return next(payloadTooLarge(limitBytes));
    // Like body-parser: a byte-order mark is dropped, and no bytes at all are `{}`.
    const text = raw.toString('utf8').replace(/^\uFEFF/, '');
    try {
      req.body = text.length === 0 ? {} : (JSON.parse(text) as unknown);
    } catch {
      return next(invalidJson());
    }
    next();
  };
}

/** No content encoding, and no charset or UTF-8. */
function plainUtf8(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && String(encoding).toLowerCase() !== 'identity') return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(
    String(headers['content-type'] ?? ''),
  )?.[1];
  return charset === undefined || /^utf-?8$/i.test(charset);
}
