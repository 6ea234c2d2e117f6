/**
 * Every error the Timestream server answers, and the one serializer that writes them.
 *
 * Names are the shape names of the service models, so each SDK raises its own typed exception.
 * HTTP statuses are the models' `httpError` traits as bundled in @aws-sdk/client-timestream-write
 * and -query 3.1138 (`dist-cjs/index.js`, `[_hE]: <status>`). They differ from the API reference
 * pages, which print "HTTP Status Code: 400" for every error; the wire agrees with the models:
 * 419 for RejectedRecordsException (dpattmann/prometheus-timestream-adapter#87) and 429 for
 * ThrottlingException (cognitect-labs/aws-api#197).
 *
 * Operations and the query engine (query/, which imports these from `../protocol/errors.js`)
 * throw these classes; anything else that escapes an operation becomes an InternalServerException.
 *
 * @example
 * throw new ResourceNotFoundException(`The table ${name} does not exist.`);
 * // -> 404 {"__type":"com.amazonaws.timestream.v20181101#ResourceNotFoundException","Message":...}
 */
export class TimestreamError extends Error {
  /** The namespace before `#` in `__type`; SDKs keep only the part after it. */
  readonly namespace: string = TIMESTREAM_NAMESPACE;

  constructor(
    override readonly name: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  /** Members of the error shape besides `Message` (e.g. RejectedRecords). */
  extraMembers(): Record<string, unknown> {
    return {};
  }
}

export const TIMESTREAM_NAMESPACE = 'com.amazonaws.timestream.v20181101';
/** Coral's own namespace, used by AWS for errors raised before an operation runs. */
export const CORAL_NAMESPACE = 'com.amazon.coral.service';

/** 400: an invalid or malformed request (Coral's "N validation errors detected: ..." form). */
export class ValidationException extends TimestreamError {
  constructor(message: string) {
    super('ValidationException', 400, message);
  }
}

/** 404: "The database X does not exist." / "The table X does not exist." (moto, AWS-verified). */
export class ResourceNotFoundException extends TimestreamError {
  constructor(message: string) {
    super('ResourceNotFoundException', 404, message);
  }
}

/** 409: the database or table already exists; for Query, polling a cancelled query. */
export class ConflictException extends TimestreamError {
  constructor(message: string) {
    super('ConflictException', 409, message);
  }
}

/** 403: not raised by the emulator (it accepts any credentials); here for completeness. */
export class AccessDeniedException extends TimestreamError {
  constructor(message = 'You are not authorized to perform this action.') {
    super('AccessDeniedException', 403, message);
  }
}

/** 402: a quota such as tags per resource. */
export class ServiceQuotaExceededException extends TimestreamError {
  constructor(message: string) {
    super('ServiceQuotaExceededException', 402, message);
  }
}

/** 429: retryable by every SDK. */
export class ThrottlingException extends TimestreamError {
  constructor(message = 'Request rate limit exceeded') {
    super('ThrottlingException', 429, message);
  }
}

/** 500: retryable; the storage behind the emulator failed, or a bug. */
export class InternalServerException extends TimestreamError {
  constructor(
    message = 'Timestream was unable to fully process this request because of an internal server error.',
  ) {
    super('InternalServerException', 500, message);
  }
}

/** 400 (Query API): the query was valid but could not run. */
export class QueryExecutionException extends TimestreamError {
  constructor(message: string) {
    super('QueryExecutionException', 400, message);
  }
}

/** One entry of RejectedRecordsException.RejectedRecords (model `RejectedRecord`). */
export interface RejectedRecord {
  /** 0-based index into the request's Records. */
  RecordIndex: number;
  Reason: string;
  /** Set for a version conflict: the version already stored. */
  ExistingVersion?: number;
}

/**
 * 419: some records were refused, the others are written. The body carries `RejectedRecords` at
 * its root (model; shared/research/timestream.md §3.5).
 */
export class RejectedRecordsException extends TimestreamError {
  constructor(readonly rejectedRecords: RejectedRecord[]) {
    super(
      'RejectedRecordsException',
      419,
      'One or more records have been rejected. See RejectedRecords for details.',
    );
  }

  override extraMembers(): Record<string, unknown> {
    return { RejectedRecords: this.rejectedRecords };
  }
}

/** Errors raised before any operation runs carry Coral's namespace, as AWS sends them. */
class CoralError extends TimestreamError {
  override readonly namespace = CORAL_NAMESPACE;
}

/**
 * An operation this server does not implement, or a target it does not know. AWS answers an
 * unknown target with `{"__type":"com.amazon.coral.service#UnknownOperationException"}` and
 * HTTP 404 (aws-beam/aws-elixir#194, JuliaCloud/AWS.jl#539); we add a message naming the operation.
 */
export class UnknownOperationException extends CoralError {
  constructor(message: string) {
    super('UnknownOperationException', 404, message);
  }
}

/** 400: the body is not JSON, or a member has the wrong JSON type (Coral's deserializer). */
export class SerializationException extends CoralError {
  constructor(message: string) {
    super('SerializationException', 400, message);
  }
}

/** 413: the body is over the server's limit (not an AWS-documented error; the name is ours). */
export class RequestEntityTooLargeException extends CoralError {
  constructor(message: string) {
    super('RequestEntityTooLargeException', 413, message);
  }
}

export interface SerializedError {
  status: number;
  body: string;
}

/**
 * The one serializer. AWS JSON 1.0 errors: SDKs read the type from `__type` (keeping the part
 * after `#`), and the message from `message` or `Message` (research §3.6). We write `Message`,
 * as Timestream's recorded error bodies do (test/fixtures/timestream), because the modelled
 * member is `Message`: the JS SDK then fills both `error.message` and `error.Message`.
 */
export function serializeError(error: TimestreamError): SerializedError {
  return {
    status: error.status,
    body: JSON.stringify({
      __type: `${error.namespace}#${error.name}`,
      Message: error.message,
      ...error.extraMembers(),
    }),
  };
}

/** What an unexpected throw becomes: a 500 that never leaks a stack trace. */
export function toTimestreamError(error: unknown): TimestreamError {
  return error instanceof TimestreamError ? error : new InternalServerException();
}
