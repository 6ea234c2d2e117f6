/** Thrown for an invalid gateway config; `issues` name every problem with its JSON path. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  constructor(
    readonly issues: string[],
    source?: string,
  ) {
    super(
      `Invalid gateway config${source ? ` ${source}` : ''}:\n${issues.map((i) => `  - ${i}`).join('\n')}`,
    );
  }
}

type Json = Record<string, unknown>;

/**
 * Collects validation problems, each prefixed with its JSON path (`routes[2].timeoutMs`), so one
 * run reports every mistake in the file instead of the first only. Each reader returns the value
 * when it is valid and `undefined` otherwise.
 */
export class Checker {
  readonly issues: string[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push(`${path || '(root)'}: ${message}`);
    return undefined;
  }

  object(value: unknown, path: string, allowed: readonly string[]): Json | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fail(path, `must be an object, got ${describe(value)}`);
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) {
        this.fail(join(path, key), `is not a known field (known: ${allowed.join(', ')})`);
      }
    }
    return value as Json;
  }

  string(value: unknown, path: string, pattern?: RegExp, hint?: string): string | undefined {
    if (typeof value !== 'string' || value === '') {
      return this.fail(path, `must be a non-empty string, got ${describe(value)}`);
    }
    if (pattern && !pattern.test(value)) return this.fail(path, `${hint ?? 'is invalid'}`);
    return value;
  }

  number(
    value: unknown,
    path: string,
    min: number,
    max: number,
    integer = true,
  ): number | undefined {
    const kind = integer ? 'an integer' : 'a number';
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      (integer && !Number.isInteger(value))
    ) {
      return this.fail(path, `must be ${kind}, got ${describe(value)}`);
    }
    if (value < min || value > max)
      return this.fail(path, `must be ${kind} from ${min} to ${max}, got ${value}`);
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    return typeof value === 'boolean'
      ? value
      : this.fail(path, `must be true or false, got ${describe(value)}`);
  }

  strings(value: unknown, path: string, maxItems = Infinity, minItems = 0): string[] | undefined {
    if (!Array.isArray(value))
      return this.fail(path, `must be an array of strings, got ${describe(value)}`);
    if (value.length < minItems) return this.fail(path, `must have at least ${minItems} item(s)`);
    if (value.length > maxItems)
      return this.fail(path, `must have at most ${maxItems} items (AWS quota)`);
    const before = this.issues.length;
    value.forEach((item, i) => this.string(item, `${path}[${i}]`));
    return this.issues.length === before ? (value as string[]) : undefined;
  }
}

/** `a.b`, or `a["odd key"]` for keys that are not identifiers. */
export function join(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
