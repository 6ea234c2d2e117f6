/**
 * Every environment variable the emulator's processes read (the local stack and the gateway), with
 * defaults. The app's own variables live in app/src/config.ts; README.md lists both.
 */
export const STACK_ENV = {
  PORT: 'PORT',
  HOST: 'HOST',
} as const;

export interface StackConfig {
  port: number;
  host: string;
}

export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';
}

export function loadStackConfig(env: Record<string, string | undefined>): StackConfig {
  return {
    port: port(env.PORT?.trim() || '3000', 'PORT'),
    host: env.HOST?.trim() || '127.0.0.1',
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
