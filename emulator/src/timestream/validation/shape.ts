import { SerializationException, ValidationException } from '../protocol/errors.js';

/**
 * Request validation as data, the way the service models state it (botocore `timestream-write` /
 * `timestream-query` 2018-11-01). Each operation declares its input shape; `conform` checks a
 * request against it and answers as AWS's Coral front end does:
 *
 * - a member of the wrong JSON type: SerializationException (the body cannot be deserialized);
 * - broken constraints: one ValidationException listing them all, in Coral's words,
 *   "2 validation errors detected: Value 'x' at 'databaseName' failed to satisfy constraint:
 *   Member must have length greater than or equal to 3; Value null at 'tableName' ..."
 *   (research §3.1; paths use lower-camel member names and 1-based `.N.member.` list steps);
 * - members the model does not have are dropped, as a deserializer into the model would.
 */
export type Shape = StringShape | NumberShape | BooleanShape | ListShape | StructureShape;

export interface StringShape {
  type: 'string';
  min?: number;
  max?: number;
  /** Matched against the whole value (Coral uses Java's `matches`). */
  pattern?: string;
  enum?: readonly string[];
}
export interface NumberShape {
  type: 'integer' | 'long';
  min?: number;
  max?: number;
}
export interface BooleanShape {
  type: 'boolean';
}
export interface ListShape {
  type: 'list';
  member: Shape;
  min?: number;
  max?: number;
}
export interface StructureShape {
  type: 'structure';
  members: Record<string, Shape>;
  required?: readonly string[];
}

/** Checks `input` against `shape`; returns it with only the modelled members, or throws. */
export function conform(shape: StructureShape, input: unknown): Record<string, unknown> {
  const problems: string[] = [];
  const value = visit(shape, input ?? {}, '', problems) as Record<string, unknown>;
  if (problems.length > 0) {
    const count =
      problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
    throw new ValidationException(`${count} detected: ${problems.join('; ')}`);
  }
  return value;
}

function visit(shape: Shape, value: unknown, path: string, problems: string[]): unknown {
  switch (shape.type) {
    case 'structure':
      return visitStructure(shape, value, path, problems);
    case 'list': {
      if (!Array.isArray(value)) throw wrongType('a list', path);
      const length = lengthProblem(value.length, shape.min, shape.max);
      if (length) problems.push(violation(value.length === 0 ? '[]' : undefined, path, length));
      return value.map((item, i) => visit(shape.member, item, `${path}.${i + 1}.member`, problems));
    }
    case 'string': {
      if (typeof value !== 'string') throw wrongType('a string', path);
      const problem = stringProblem(shape, value);
      if (problem) problems.push(violation(value, path, problem));
      return value;
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw wrongType('an integer', path);
      if (shape.min !== undefined && value < shape.min) {
        problems.push(
          violation(String(value), path, `have value greater than or equal to ${shape.min}`),
        );
      } else if (shape.max !== undefined && value > shape.max) {
        problems.push(
          violation(String(value), path, `have value less than or equal to ${shape.max}`),
        );
      }
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw wrongType('a boolean', path);
      return value;
  }
}

function visitStructure(
  shape: StructureShape,
  value: unknown,
  path: string,
  problems: string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw wrongType('an object', path);
  }
  const input = value as Record<string, unknown>;
  const output: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const memberPath = path === '' ? lowerCamel(name) : `${path}.${lowerCamel(name)}`;
    const memberValue = input[name];
    if (memberValue === undefined || memberValue === null) {
      if (shape.required?.includes(name)) {
        problems.push(
          `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
        );
      }
      continue;
    }
    output[name] = visit(member, memberValue, memberPath, problems);
  }
  return output;
}

function stringProblem(shape: StringShape, value: string): string | undefined {
  const length = lengthProblem(value.length, shape.min, shape.max);
  if (length) return length;
  if (shape.enum && !shape.enum.includes(value)) {
    return `satisfy enum value set: [${shape.enum.join(', ')}]`;
  }
  if (shape.pattern && !new RegExp(`^(?:${shape.pattern})$`, 'u').test(value)) {
    return `satisfy regular expression pattern: ${shape.pattern}`;
  }
  return undefined;
}

function lengthProblem(length: number, min?: number, max?: number): string | undefined {
  if (min !== undefined && length < min) return `have length greater than or equal to ${min}`;
  if (max !== undefined && length > max) return `have length less than or equal to ${max}`;
  return undefined;
}

/** Coral prints scalar values; for a non-empty list it leaves the value out ("Value at 'x'"). */
function violation(value: string | undefined, path: string, rule: string): string {
  const shown = value === undefined ? 'Value' : `Value '${value}'`;
  return `${shown} at '${path}' failed to satisfy constraint: Member must ${rule}`;
}

function wrongType(expected: string, path: string): SerializationException {
  return new SerializationException(`Expected ${expected} at '${path || 'request'}'`);
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
