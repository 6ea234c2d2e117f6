import type { ErrorRequestHandler } from 'express';
import { QueryParamError } from '../analysis/params.js';
import {
  BadRequestError,
  HttpError,
  invalidJson,
  payloadTooLarge,
  ServiceUnavailableError,
} from '../errors.js';
import { StoreUnavailableError } from '../storage/TelemetryStore.js';

export type Logger = Pick<Console, 'error' | 'warn'>;

/**
 * The one place errors become responses. Known errors keep their status and code; a bad query
 * parameter is 400 InvalidQuery naming it; a store that cannot be reached is 503 with Retry-After; anything else is a generic 500, logged with the request
 * id, with no stack trace in the response.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const error = toHttpError(err);
    const id = req.get('x-request-id') ?? '-';
    if (error.status === 500) {
      log.error(`[${id}] ${req.method} ${req.path} -> 500: ${describe(err)}`);
    } else if (error.status > 500) {
      // Expected while a store is down: one line, no stack.
      log.warn(`[${id}] ${req.method} ${req.path} -> ${error.status}: ${error.message}`);
    }
    res.status(error.status).set(error.headers).json(error);
  };
}

function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof QueryParamError) {
    return new BadRequestError('InvalidQuery', `${err.field}: ${err.message}`, {
      field: err.field,
    });
  }
  if (err instanceof StoreUnavailableError) {
    return new ServiceUnavailableError(err.message, err.retryAfterSeconds);
  }
  // body-parser's errors carry a status and a type; map the ones a client can cause.
  const e = err as { type?: string; status?: number; limit?: number };
  if (e.type === 'entity.parse.failed') return invalidJson();
  if (e.type === 'entity.too.large') return payloadTooLarge(e.limit ?? 0);
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpError(e.status, 'BadRequest', 'the request could not be read');
  }
  return new HttpError(500, 'InternalError', 'internal error');
}

function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
