import { loadStackConfig } from '../config.js';
import { FleetFileError, generateFleet, loadFleet } from '../turbines/fleet/index.js';
import { createReadingSource } from '../turbines/readings.js';
import {
  formatSummary,
  runSimulation,
  writeReportJson,
  type SimulationReport,
} from '../turbines/simulate/index.js';
import {
  parseSimulateFlags,
  SIMULATE_USAGE,
  SimulateUsageError,
  type SimulateSettings,
} from '../turbines/simulate/flags.js';
import type { Fleet } from '../turbines/types.js';
import {
  openWeatherMap,
  syntheticWeather,
  type WeatherProvider,
} from '../turbines/weather/index.js';

export { SIMULATE_USAGE };

export interface SimulateIo {
  stdout: NodeJS.WritableStream;
  /** Progress and log lines; the progress line is redrawn in place when this is a TTY. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  /** Where SIGINT / SIGTERM are listened for. */
  signals: Pick<NodeJS.Process, 'on' | 'off'>;
}

const processIo: SimulateIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signals: process,
};

/**
 * `windtunnel simulate`: the fleet sending readings to the API until `--duration` ends or Ctrl-C,
 * then a summary. Resolves to the exit code: 0 when everything generated was delivered (stored or
 * finally rejected), 1 when readings are left in the spool or a project was stopped (bad token),
 * 2 for a usage error.
 *
 * @example
 * await simulateCommand({ url: 'http://localhost:3000', projects: '50', duration: '30s' });
 */
export async function simulateCommand(
  flags: Record<string, string>,
  io: SimulateIo = processIo,
): Promise<number> {
  let settings: SimulateSettings;
  let fleet: Fleet;
  let weather: WeatherProvider;
  try {
    settings = parseSimulateFlags(flags, loadStackConfig(io.env).jwt);
    fleet = await buildFleet(settings);
    weather =
      settings.weather === 'owm'
        ? openWeatherMap({ apiKey: requireOwmKey(io) })
        : syntheticWeather(settings.seed);
  } catch (err) {
    if (!(err instanceof SimulateUsageError || err instanceof FleetFileError)) throw err;
    io.stderr.write(`windtunnel: ${err.message}\n`);
    return 2;
  }
  const report = await runWithSignals(settings, fleet, weather, io);
  io.stdout.write(`${formatSummary(report)}\n`);
  if (settings.reportJson) await writeReportJson(settings.reportJson, report);
  return report.spooled === 0 && report.stopped.length === 0 ? 0 : 1;
}

async function buildFleet(settings: SimulateSettings): Promise<Fleet> {
  if (!settings.fleetFile)
    return generateFleet({ seed: settings.seed, projects: settings.projects });
  const fleet = await loadFleet(settings.fleetFile);
  return settings.projectsGiven
    ? { ...fleet, projects: fleet.projects.slice(0, settings.projects) }
    : fleet;
}

function requireOwmKey(io: SimulateIo): string {
  const key = io.env.OWM_API_KEY?.trim();
  if (key) return key;
  throw new SimulateUsageError('--weather owm needs OWM_API_KEY (an OpenWeatherMap API key)');
}

/** First Ctrl-C: stop measuring, keep delivering for --drain. Second: stop delivering now. */
async function runWithSignals(
  settings: SimulateSettings,
  fleet: Fleet,
  weather: WeatherProvider,
  io: SimulateIo,
): Promise<SimulationReport> {
  const measuring = new AbortController();
  const draining = new AbortController();
  const log = (line: string) => io.stderr.write(`${io.stderr.isTTY ? '\r\x1b[2K' : ''}${line}\n`);
  const onSignal = (signal: string) => {
    if (measuring.signal.aborted) return draining.abort();
    log(
      `windtunnel: ${signal}: stopped measuring, delivering the spool for up to ${settings.drainMs / 1000}s (again to stop now)`,
    );
    measuring.abort();
  };
  io.signals.on('SIGINT', onSignal);
  io.signals.on('SIGTERM', onSignal);
  try {
    return await runSimulation({
      url: settings.url,
      projects: fleet.projects,
      source: createReadingSource({
        weather,
        curve: settings.curve,
        hubHeight: settings.hubHeight,
      }),
      intervalMs: settings.intervalMs,
      ...(settings.durationMs === undefined ? {} : { durationMs: settings.durationMs }),
      batch: settings.batch,
      ...(settings.concurrency ? { concurrency: settings.concurrency } : {}),
      timeoutMs: settings.timeoutMs,
      spoolDir: settings.spoolDir,
      auth: settings.auth,
      drainMs: settings.drainMs,
      signal: measuring.signal,
      drainSignal: draining.signal,
      progress: { stream: io.stderr },
      log,
    });
  } finally {
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
  }
}
