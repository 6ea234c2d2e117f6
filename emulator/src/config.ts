/**
 * Every environment variable the emulator's processes read (the local stack, the gateway and the
 * token command), with defaults. The app's own variables live in app/src/config.ts; README.md
 * lists both.
 */
export const STACK_ENV = {
  PORT: 'PORT',
  HOST: 'HOST',
  JWT_ISSUER: 'JWT_ISSUER',
  JWT_AUDIENCE: 'JWT_AUDIENCE',
  JWT_JWKS: 'JWT_JWKS',
  WINDTUNNEL_KEYS_DIR: 'WINDTUNNEL_KEYS_DIR',
  FUNCTION_TIMEOUT_MS: 'FUNCTION_TIMEOUT_MS',
  FUNCTION_RESERVED_CONCURRENCY: 'FUNCTION_RESERVED_CONCURRENCY',
} as const;

export interface StackConfig {
  port: number;
  host: string;
  /** The JWT authorizer in front of `POST /measurements` (when the app's DEVICE_AUTH is jwt). */
  jwt: {
    issuer: string;
    audience: string;
    /** A JWKS file path or URL (your identity provider); unset: the local dev key in `keysDir`. */
    jwks?: string;
    /** Where the local dev key pair lives (`windtunnel token` signs with it). */
    keysDir: string;
  };
  /** The Lambda function behind the gateway. */
  function: { timeoutMs: number; reservedConcurrency?: number };
}

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

export function loadStackConfig(env: Record<string, string | undefined>): StackConfig {
  const get = (name: keyof typeof STACK_ENV) => env[name]?.trim() || undefined;
  const reserved = get('FUNCTION_RESERVED_CONCURRENCY');
  return {
    port: port(get('PORT') ?? '3000', 'PORT'),
    host: get('HOST') ?? '127.0.0.1',
    jwt: {
      issuer: get('JWT_ISSUER') ?? 'https://windtunnel.local/',
      audience: get('JWT_AUDIENCE') ?? 'windtunnel',
      ...(get('JWT_JWKS') ? { jwks: get('JWT_JWKS')! } : {}),
      keysDir: get('WINDTUNNEL_KEYS_DIR') ?? '.windtunnel/keys',
    },
    function: {
      // Lambda's own default is 3 s; an ingestion function writing 10,000 records needs more, and
      // API Gateway gives up at 30 s anyway.
      timeoutMs: whole(get('FUNCTION_TIMEOUT_MS') ?? '30000', 'FUNCTION_TIMEOUT_MS', 1, 900_000),
      ...(reserved
        ? { reservedConcurrency: whole(reserved, 'FUNCTION_RESERVED_CONCURRENCY', 0, 10_000) }
        : {}),
    },
  };
}

/** Also used for `--port`, so flags and variables give the same message. */
export function port(raw: string, source: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n > 65_535) {
    throw new StackConfigError(`${source} must be a port number from 0 to 65535; got '${raw}'`);
  }
  return n;
}

function whole(raw: string, variable: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new StackConfigError(
      `${variable} must be a whole number from ${min} to ${max}; got '${raw}'`,
    );
  }
  return n;
}
