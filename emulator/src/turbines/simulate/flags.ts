import { CURVE_NAMES, DEFAULT_MODEL, HUB_HEIGHT_LAWS } from '../power/index.js';
import type { CurveName } from '../power/curves.js';
import type { HubHeightLaw } from '../power/hubHeight.js';
import type { AuthOptions } from '../uploader/index.js';
import { DurationError, parseDuration } from './duration.js';

/** A flag with a value the simulator cannot use; the message names the flag. */
export class SimulateUsageError extends Error {
  override readonly name = 'SimulateUsageError';
}

export const SIMULATE_USAGE = `windtunnel simulate [--url http://localhost:3000] [--projects 770] [--seed 1]
                   [--interval 1s] [--duration 5m|forever] [--batch 1] [--concurrency <n>]
                   [--fleet <file.csv|json>] [--weather synthetic|owm] [--power-curve original|cubic]
                   [--hub-height none|power-law|log-law] [--spool .windtunnel/spool]
                   [--report-json <file>] [--token <jwt> | --no-auth] [--keys <dir>]
                   [--timeout 30s] [--drain 30s]
    The wind fleet sending its readings to the API through a durable spool: nothing is lost while
    the API or its store is down, or when the simulator itself is killed (run it again with the
    same --spool). Each project has its own sender and device token (signed with the dev key in
    --keys, as \`windtunnel token\` does). Defaults: --power-curve cubic --hub-height power-law;
    original + none is the original experiment. Ctrl-C stops measuring and keeps delivering for
    --drain; Ctrl-C again exits at once. Exit 0 when everything was delivered, 1 when readings are
    left in the spool or a project was stopped, 2 for a bad flag.
`;

export interface SimulateSettings {
  url: string;
  /** Projects to generate, or the first N of --fleet when given explicitly. */
  projects: number;
  projectsGiven: boolean;
  seed: number;
  intervalMs: number;
  /** Undefined: until stopped (`--duration forever`). */
  durationMs: number | undefined;
  batch: number;
  /** Undefined: one sender per project. */
  concurrency: number | undefined;
  fleetFile: string | undefined;
  weather: 'synthetic' | 'owm';
  curve: CurveName;
  hubHeight: HubHeightLaw;
  spoolDir: string;
  reportJson: string | undefined;
  auth: AuthOptions;
  timeoutMs: number;
  drainMs: number;
}

const KNOWN = [
  'url',
  'projects',
  'seed',
  'interval',
  'duration',
  'batch',
  'concurrency',
  'fleet',
  'weather',
  'power-curve',
  'hub-height',
  'spool',
  'report-json',
  'token',
  'no-auth',
  'keys',
  'timeout',
  'drain',
];

/** Defaults for the device tokens: the stack's own (emulator/src/config.ts), so they match. */
export interface JwtDefaults {
  issuer: string;
  audience: string;
  keysDir: string;
}

/** `--flag value` pairs (as the CLI parses them) -> validated settings, or SimulateUsageError. */
export function parseSimulateFlags(
  flags: Record<string, string>,
  jwt: JwtDefaults,
): SimulateSettings {
  const unknown = Object.keys(flags).find((flag) => !KNOWN.includes(flag));
  if (unknown) throw new SimulateUsageError(`simulate: unknown flag --${unknown}`);
  const noAuth = flags['no-auth'] !== undefined && flags['no-auth'] !== 'false';
  if (noAuth && flags.token)
    throw new SimulateUsageError('--token and --no-auth exclude each other');
  return {
    url: url(flags.url ?? 'http://localhost:3000'),
    projects: whole('projects', flags.projects ?? '770', 1, 100_000),
    projectsGiven: flags.projects !== undefined,
    seed: whole('seed', flags.seed ?? '1', 0, Number.MAX_SAFE_INTEGER),
    intervalMs: duration('interval', flags.interval ?? '1s'),
    durationMs:
      flags.duration === 'forever' ? undefined : duration('duration', flags.duration ?? '5m'),
    batch: whole('batch', flags.batch ?? '1', 1, 10_000),
    concurrency:
      flags.concurrency === undefined
        ? undefined
        : whole('concurrency', flags.concurrency, 1, 100_000),
    fleetFile: flags.fleet,
    weather: oneOf('weather', flags.weather ?? 'synthetic', ['synthetic', 'owm'] as const),
    curve: oneOf('power-curve', flags['power-curve'] ?? DEFAULT_MODEL.curve, CURVE_NAMES),
    hubHeight: oneOf('hub-height', flags['hub-height'] ?? DEFAULT_MODEL.hubHeight, HUB_HEIGHT_LAWS),
    spoolDir: flags.spool ?? '.windtunnel/spool',
    reportJson: flags['report-json'],
    auth: noAuth
      ? { mode: 'none' }
      : flags.token
        ? { mode: 'token', token: flags.token }
        : {
            mode: 'mint',
            keysDir: flags.keys ?? jwt.keysDir,
            issuer: jwt.issuer,
            audience: jwt.audience,
          },
    timeoutMs: duration('timeout', flags.timeout ?? '30s'),
    drainMs: duration('drain', flags.drain ?? '30s'),
  };
}

function whole(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new SimulateUsageError(
      `--${flag} must be a whole number from ${min} to ${max}; got '${raw}'`,
    );
  }
  return n;
}

function oneOf<T extends string>(flag: string, raw: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new SimulateUsageError(`--${flag} must be one of ${allowed.join(', ')}; got '${raw}'`);
  }
  return raw as T;
}

function duration(flag: string, raw: string): number {
  try {
    return parseDuration(raw, `--${flag}`);
  } catch (err) {
    if (err instanceof DurationError) throw new SimulateUsageError(err.message);
    throw err;
  }
}

function url(raw: string): string {
  try {
    const parsed = new URL(raw);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return raw;
  } catch {
    // fall through to the message
  }
  throw new SimulateUsageError(`--url must be an http:// or https:// URL; got '${raw}'`);
}
