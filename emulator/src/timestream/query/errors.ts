import { ValidationException } from '../protocol/errors.js';

/**
 * The query engine's errors, all `ValidationException`s (HTTP 400) as Timestream sends them for
 * anything wrong with the SQL. Timestream's messages come from its Trino-based analyser and start
 * with the position of the offending token: "line 1:76: Column 'vehicleName' does not exist"
 * (aws/aws-iot-fleetwise-edge#54; the same form in aws/aws-cdk#22062). We keep that form, so a
 * user sees where the problem is, and name the construct when windtunnel does not support it.
 */
export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, as Trino counts it. */
  column: number;
}

export function at(pos: Position | undefined, message: string): ValidationException {
  return new ValidationException(pos ? `line ${pos.line}:${pos.column}: ${message}` : message);
}

/** A construct Timestream supports but this emulator does not: said plainly, never a wrong answer. */
export function unsupported(pos: Position | undefined, what: string): ValidationException {
  return at(pos, `${what} is not supported by the windtunnel Timestream emulator`);
}

/**
 * Trino's wording for an unknown column, as Timestream answers it (issues above). Its own class,
 * so that the engine can learn more of the table's columns and try again before answering it.
 */
export class UnknownColumnError extends ValidationException {}

export function unknownColumn(pos: Position | undefined, name: string): UnknownColumnError {
  const where = pos ? `line ${pos.line}:${pos.column}: ` : '';
  return new UnknownColumnError(`${where}Column '${name}' does not exist`);
}

/**
 * Query on a missing database: "Requested database 'abc' not found for identifier 'abc.sampleDB'
 * at line 1:36" (recorded, aws/aws-sdk-pandas#1036). The text for a missing table in an existing
 * database was not found recorded; we use the same form with "table" (inferred).
 */
export function notFound(
  kind: 'database' | 'table',
  name: string,
  identifier: string,
  pos: Position,
): ValidationException {
  return new ValidationException(
    `Requested ${kind} '${name}' not found for identifier '${identifier}' at line ${pos.line}:${pos.column}`,
  );
}
