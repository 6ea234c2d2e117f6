import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The built `windtunnel` command as child processes, for the tests that kill a process
 * (SIGKILL): the local stack (`windtunnel up`) and the simulator (`windtunnel simulate`).
 */
const bin = fileURLToPath(new URL('../../bin/windtunnel.js', import.meta.url));
const cli = new URL('../../dist/emulator/src/cli.js', import.meta.url);
const simulateModule = new URL('../../dist/emulator/src/commands/simulate.js', import.meta.url);

/**
 * Why these tests cannot run, or undefined when they can. Under CI=true a missing build is a
 * failure (npm test builds before vitest), elsewhere a skip with the reason.
 */
export function missingBuild(): string | undefined {
  if (existsSync(cli) && existsSync(simulateModule)) return undefined;
  const reason = 'dist/ has no built CLI with the simulate command: run `npm run build` first';
  if (process.env.CI === 'true')
    throw new Error(`${reason} (CI=true: this is a failure, not a skip)`);
  return reason;
}

/** The environment without the caller's stack and storage variables. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(INFLUX_|STORAGE_BACKEND|PORT$|HOST$)/.test(k)),
  ) as Record<string, string>;
  return { ...env, ...extra };
}

export interface Child {
  process: ChildProcessWithoutNullStreams;
  exited: Promise<number | null>;
  output: () => string;
}

function run(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { env: cleanEnv(env) });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { process: child, exited, output: () => output };
}

/** `windtunnel up --port <port>`; resolves once it printed its start-up line. */
export async function startStackProcess(port: number, env: Record<string, string>): Promise<Child> {
  const child = run([bin, 'up', '--port', String(port)], env);
  const until = Date.now() + 15_000;
  while (!child.output().includes('windtunnel: API on')) {
    if (Date.now() > until || child.process.exitCode !== null) {
      child.process.kill('SIGKILL');
      throw new Error(`windtunnel up did not start:\n${child.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

/**
 * `windtunnel simulate <flags>`. Until the CLI routes `simulate` (emulator/src/cli.ts), the same
 * built command function is started through a two-line launcher, so the test still runs the
 * compiled code in its own process.
 */
export function startSimulatorProcess(
  flags: Record<string, string>,
  env: Record<string, string>,
): Child {
  const args = Object.entries(flags).flatMap(([k, v]) => [`--${k}`, v]);
  if (readFileSync(cli, 'utf8').includes("'simulate'")) return run([bin, 'simulate', ...args], env);
  const launcher =
    `const { simulateCommand } = await import(${JSON.stringify(simulateModule.href)});` +
    'const a = process.argv.slice(1); const f = {};' +
    'for (let i = 0; i < a.length; i += 2) f[a[i].slice(2)] = a[i + 1];' +
    'process.exitCode = await simulateCommand(f);';
  return run(['--input-type=module', '-e', launcher, '--', ...args], env);
}
