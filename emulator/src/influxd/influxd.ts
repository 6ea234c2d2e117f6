import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A throwaway `influxd` (InfluxDB 1.x) for tests and the benchmark: its own temp dir, loopback ports, no access log,
 * no reporting, no `_internal` monitor database.
 *
 * @example
 * const influx = await startInfluxd();
 * // ... talk to influx.url ...
 * influx.pause(); // the server hangs (SIGSTOP): requests get no answer
 * influx.resume();
 * await influx.kill(); // crash it (SIGKILL), keep its data
 * await influx.restart(); // same port, same data
 * await influx.stop(); // SIGTERM and remove the temp dir
 */
export interface InfluxdProcess {
  /** `http://127.0.0.1:<port>`, stable across `kill()`/`restart()`. */
  url: string;
  /** The temp dir holding the config, data, meta and wal dirs. */
  dataDir: string;
  /** The running process's pid (a new one after `restart()`); undefined while it is down. */
  readonly pid: number | undefined;
  /** SIGTERM, wait for exit, remove the temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGSTOP: the process keeps its sockets but answers nothing (a hung server). */
  pause(): void;
  /** SIGCONT after `pause()`. */
  resume(): void;
  /** SIGKILL and wait for exit; the data dir stays, `restart()` brings it back. */
  kill(): Promise<void>;
  /** Stops the process if it runs, then starts it again on the same port and data dir. */
  restart(): Promise<void>;
}

export interface StartInfluxdOptions {
  /** The binary; default: `influxd` found on PATH. */
  binary?: string;
  /** How long to wait for `GET /ping` to answer 204; default 15 s. */
  readyTimeoutMs?: number;
}

const STDERR_TAIL_BYTES = 4000;

/** The `influxd` binary on PATH, or undefined. */
export function findInfluxd(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'influxd');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/** A port that was free a moment ago (listen on port 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export async function startInfluxd(options: StartInfluxdOptions = {}): Promise<InfluxdProcess> {
  const binary = options.binary ?? findInfluxd();
  if (!binary) throw new Error('influxd was not found on PATH');
  const readyTimeoutMs = options.readyTimeoutMs ?? 15_000;

  const dataDir = await mkdtemp(join(tmpdir(), 'windtunnel-influxd-'));
  const [httpPort, rpcPort] = await twoFreePorts();
  const configPath = join(dataDir, 'influxdb.conf');
  await Promise.all(['data', 'meta', 'wal'].map((d) => mkdir(join(dataDir, d))));
  await writeFile(configPath, influxdConfig(dataDir, httpPort, rpcPort));
  const url = `http://127.0.0.1:${httpPort}`;

  let child: ChildProcess | undefined;
  let stderrTail = '';
  let removed = false;

  const launch = async (): Promise<void> => {
    stderrTail = '';
    const proc = spawn(binary, ['run', '-config', configPath], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.once('error', (error) => {
      stderrTail += `\nspawn ${binary} failed: ${error.message}`;
    });
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_BYTES);
    });
    child = proc;
    killOnExit.add(proc);
    proc.once('exit', () => killOnExit.delete(proc));
    try {
      await waitForPing(url, proc, readyTimeoutMs);
    } catch (error) {
      await terminate(proc, 'SIGKILL');
      const tail = stderrTail.trim() || '(no output)';
      throw new Error(`${(error as Error).message}\ninfluxd stderr (tail):\n${tail}`, {
        cause: error,
      });
    }
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc) await terminate(proc, signal);
  };

  await launch().catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });

  return {
    url,
    dataDir,
    get pid() {
      return child?.pid;
    },
    async stop() {
      await halt('SIGTERM');
      if (!removed) {
        removed = true;
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    kill: () => halt('SIGKILL'),
    async restart() {
      await halt('SIGTERM');
      await launch();
    },
  };
}

/** Processes to SIGKILL if the test runner exits without stopping them. */
const killOnExit = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of killOnExit) proc.kill('SIGKILL');
});

async function twoFreePorts(): Promise<[number, number]> {
  const first = await freePort();
  let second = await freePort();
  while (second === first) second = await freePort();
  return [first, second];
}

/** Sends `signal` (after SIGCONT, so a paused process can act on it); SIGKILL after 10 s. */
async function terminate(proc: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGCONT');
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForPing(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) {
      throw new Error(`influxd exited (${proc.exitCode ?? proc.signalCode}) before answering`);
    }
    if (await pingOnce(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`influxd did not answer GET ${url}/ping with 204 within ${timeoutMs} ms`);
}

/** True when `GET /ping` answers 204 within a second. */
export async function pingOnce(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status === 204;
  } catch {
    return false;
  }
}

/**
 * Only what differs from influxd's built-in defaults (`influxd config -config /dev/null`).
 * Debian's 1.6.7 names the reporting switch `reporting-enabled`; upstream says
 * `reporting-disabled`. Both are set; influxd ignores the one it does not know.
 */
function influxdConfig(dir: string, httpPort: number, rpcPort: number): string {
  const path = (name: string) => JSON.stringify(join(dir, name));
  return `reporting-disabled = true
reporting-enabled = false
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = ${path('meta')}
  logging-enabled = false

[data]
  dir = ${path('data')}
  wal-dir = ${path('wal')}
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false
  pprof-enabled = false

[continuous_queries]
  log-enabled = false

[logging]
  level = "error"
  suppress-logo = true
`;
}
