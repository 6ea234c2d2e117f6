/**
 * The app's errors. Every error a client sees is an `HttpError`, rendered by the one error
 * middleware in http/errorHandler.ts as `{ "error": { "code", "message" }, ...details }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    /** Machine-readable, stable: clients branch on it. */
    readonly code: string,
    message: string,
    /** Extra top-level body fields (for example `stored` and `rejected`). */
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toJSON(): Record<string, unknown> {
    return { error: { code: this.code, message: this.message }, ...this.details };
  }
}

export class BadRequestError extends HttpError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(400, code, message, details);
  }
}

export class NotFoundError extends HttpError {
  constructor(message: string) {
    super(404, 'NotFound', message);
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(message: string, retryAfterSeconds: number, details?: Record<string, unknown>) {
    super(503, 'StoreUnavailable', message, details, { 'retry-after': String(retryAfterSeconds) });
  }
}

/** A body that is not JSON (body-parser's `entity.parse.failed`, or the Lambda fast path's). */
export const invalidJson = (): HttpError =>
  new HttpError(400, 'InvalidJson', 'the request body is not valid JSON');

/** A body over the app's limit. */
export const payloadTooLarge = (limitBytes: number): HttpError =>
  new HttpError(413, 'PayloadTooLarge', `the request body is larger than ${limitBytes} bytes`);
