import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../../bin/windtunnel.js', import.meta.url));

export interface WindtunnelProcess {
  url: string;
  pid: number;
  /** Peak resident memory of the process so far, in MiB (Linux VmHWM). */
  peakRssMiB(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/**
 * A `windtunnel` command as users run it, in its own process, so its memory is its own and the
 * load generator does not share its event loop. Resolves with the URL its start-up line names.
 */
export async function startWindtunnelProcess(
  args: string[],
  env: Record<string, string>,
  urlInStartLine: RegExp,
  /** How long SIGINT gets before SIGKILL (an abandoned query may keep a server busy). */
  stopGraceMs = 10_000,
): Promise<WindtunnelProcess> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const match = urlInStartLine.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`windtunnel ${args[0]} exited (${code}): ${stderr}`)),
    );
  });
  return {
    url,
    pid: child.pid!,
    peakRssMiB: () => peakRss(child.pid!),
    stop: () => stop(child, stopGraceMs),
  };
}

/** The local stack (`windtunnel up`, without the Timestream emulator). */
export function startStackProcess(env: Record<string, string>): Promise<WindtunnelProcess> {
  return startWindtunnelProcess(
    ['up', '--port', '0', '--no-timestream'],
    env,
    /API on (http:\/\/[^,\s]+)/,
  );
}

async function peakRss(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

function stop(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGINT');
  });
}
