import { ValidationException } from '../protocol/errors.js';

/**
 * The members of QueryRequest and CancelQueryRequest with their model constraints (botocore
 * timestream-query 2018-11-01: QueryString 1..262144, MaxRows 1..1000, NextToken 1..2048,
 * ClientToken 32..128, QueryId 1..64 of [a-zA-Z0-9]+), refused in Coral's words as AWS refuses a
 * request before running it ("1 validation error detected: Value ... at '...' failed to satisfy
 * constraint: ...", research §3.1).
 */
export interface QueryInput {
  QueryString: string;
  MaxRows?: number;
  NextToken?: string;
  ClientToken?: string;
}

export interface CancelQueryInput {
  QueryId: string;
}

export function checkQueryInput(input: unknown): QueryInput {
  const i = (input ?? {}) as Record<string, unknown>;
  const problems = [
    text(i['QueryString'], 'queryString', 1, 262_144, true),
    integer(i['MaxRows'], 'maxRows', 1, 1000),
    text(i['NextToken'], 'nextToken', 1, 2048, false),
    text(i['ClientToken'], 'clientToken', 32, 128, false),
  ].filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw coral(problems);
  return i as unknown as QueryInput;
}

export function checkCancelInput(input: unknown): CancelQueryInput {
  const i = (input ?? {}) as Record<string, unknown>;
  const id = i['QueryId'];
  const problem =
    text(id, 'queryId', 1, 64, true) ??
    (/^[a-zA-Z0-9]+$/.test(id as string)
      ? undefined
      : `Value '${id as string}' at 'queryId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]+`);
  if (problem) throw coral([problem]);
  return i as unknown as CancelQueryInput;
}

function coral(problems: string[]): ValidationException {
  const n = problems.length;
  return new ValidationException(
    `${n} validation error${n > 1 ? 's' : ''} detected: ${problems.join('; ')}`,
  );
}

function text(
  v: unknown,
  member: string,
  min: number,
  max: number,
  required: boolean,
): string | undefined {
  if (v === undefined || v === null) {
    return required
      ? `Value null at '${member}' failed to satisfy constraint: Member must not be null`
      : undefined;
  }
  if (typeof v !== 'string')
    return `Value at '${member}' failed to satisfy constraint: Member must be a string`;
  if (v.length < min) {
    return `Value '${v}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`;
  }
  if (v.length > max) {
    return `Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
  }
  return undefined;
}

function integer(v: unknown, member: string, min: number, max: number): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    return `Value at '${member}' failed to satisfy constraint: Member must be an integer`;
  }
  if (v < min)
    return `Value '${v}' at '${member}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`;
  if (v > max)
    return `Value '${v}' at '${member}' failed to satisfy constraint: Member must have value less than or equal to ${max}`;
  return undefined;
}
