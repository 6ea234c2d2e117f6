import { loadStackConfig, port, StackConfigError } from './config.js';
import { benchCommand } from './bench/index.js';
import { reportCommand, REPORT_USAGE } from './commands/report.js';
import { simulateCommand, SIMULATE_USAGE } from './commands/simulate.js';
import { tokenCommand, TOKEN_USAGE } from './commands/token.js';
import { describeStack, startStack } from './stack.js';
import { loadTimestreamConfig, runTimestreamServer } from './timestream/index.js';
import { loadHandler, startGateway } from './apigw-http/index.js';

const USAGE = `windtunnel: offline API Gateway HTTP API + Lambda + Timestream/InfluxDB for IoT ingestion

Usage:
  windtunnel up [--port <n>] [--host <h>] [--no-timestream]
      The local stack: the gateway shim serving the app's Lambda handler, and the Timestream API
      emulator on TIMESTREAM_EMULATOR_PORT (8787). Storage follows STORAGE_BACKEND / INFLUX_URL
      (README.md lists every variable).
  windtunnel timestream [--port <n>] [--host <h>]
      The Timestream API emulator (write and query, AWS JSON 1.0) alone.
  windtunnel gateway (--handler <file>#<export> | --config <gateway.json>) [--port <n>] [--host <h>]
      The API Gateway HTTP API shim (payload format 2.0) in front of any Lambda handler module;
      --config adds routes, stage, throttling, authorizers, CORS and the function's settings.
  ${TOKEN_USAGE.trimEnd()}
  ${SIMULATE_USAGE.trimEnd()}
  ${REPORT_USAGE.trimEnd()}
  windtunnel bench [--json] [--suite ingest|timestream|all] [--duration 5s] [--fleet-duration 10s]
      Benchmarks: raw InfluxDB writes against the same points through the whole stack, and the
      Timestream emulator's WriteRecords and fleet query.
  windtunnel help
`;

type Flags = Record<string, string>;

/** Entry point of the `windtunnel` command; resolves to the exit code (or never, for servers). */
export async function main(argv: string[]): Promise<number | void> {
  const [command = 'help', ...rest] = argv;
  try {
    const flags = parseFlags(rest);
    switch (command) {
      case 'up':
        return await up(flags);
      case 'gateway':
        return await gateway(flags);
      case 'bench':
        return await benchCommand(flags);
      case 'simulate':
        return await simulateCommand(flags);
      case 'report':
        return await reportCommand(flags);
      case 'timestream':
        return await timestreamServer(flags);
      case 'token': {
        // Defaults follow the stack's, so a minted token passes the stack's JWT authorizer.
        const { jwt } = loadStackConfig(process.env);
        const defaults = { keys: jwt.keysDir, issuer: jwt.issuer, audience: jwt.audience };
        return await tokenCommand({ ...defaults, ...flags });
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return 0;
      default:
        process.stderr.write(`windtunnel: unknown command '${command}'\n\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof StackConfigError || isConfigError(err)) {
      process.stderr.write(`windtunnel: ${(err as Error).message}\n`);
      return 2;
    }
    throw err;
  }
}

async function up(flags: Flags): Promise<void> {
  const config = loadStackConfig(process.env);
  const timestream = loadTimestreamConfig(process.env);
  const stack = await startStack({
    // The local stack serves the dashboard unless told not to; a deployed function does not.
    env: { DASHBOARD_ENABLED: 'true', ...process.env },
    ...(flags['no-timestream'] === 'true' ? {} : { timestreamPort: timestream.port }),
    stack: {
      ...config,
      port: flags.port === undefined ? config.port : port(flags.port, '--port'),
      host: flags.host ?? config.host,
    },
    log: (line) => console.error(line),
  });
  console.log(describeStack(stack));
  stopOnSignal(() => stack.close());
}

async function gateway(flags: Flags): Promise<void> {
  if (!flags.handler && !flags.config) {
    throw new UsageError('gateway needs --handler <file>#<export> or --config <gateway.json>');
  }
  const env = loadStackConfig(process.env);
  const server = await startGateway({
    ...(flags.handler ? { handler: await loadHandler(flags.handler) } : {}),
    ...(flags.config ? { config: flags.config } : {}),
    port: flags.port === undefined ? env.port : port(flags.port, '--port'),
    host: flags.host ?? env.host,
    log: (line) => console.error(line),
  });
  const target = flags.handler ?? `the function in ${flags.config}`;
  console.log(`windtunnel: API Gateway HTTP API shim on ${server.url} -> ${target}`);
  stopOnSignal(() => server.close());
}

async function timestreamServer(flags: Flags): Promise<void> {
  const server = await runTimestreamServer(process.env, {
    ...(flags.port === undefined ? {} : { port: port(flags.port, '--port') }),
    ...(flags.host === undefined ? {} : { host: flags.host }),
  });
  const storage = server.backend === 'influx' ? `InfluxDB at ${process.env.INFLUX_URL}` : 'memory';
  console.log(`windtunnel: Timestream API (write + query) on ${server.url}, storing in ${storage}`);
  stopOnSignal(() => server.close());
}

/** Ctrl-C (or a container stop) closes the server and the store, then exits. */
function stopOnSignal(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl-C does not wait
    stopping = true;
    console.log(`windtunnel: ${signal}, stopping`);
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`windtunnel: error while stopping: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

class UsageError extends Error {}

function parseFlags(args: string[]): Flags {
  const flags: Flags = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument '${arg}'`);
    // A flag without a value (`--jwks`) is a switch: 'true'.
    const next = args[i + 1];
    const value = match[2] ?? (next === undefined || next.startsWith('--') ? 'true' : args[++i]!);
    flags[match[1]!] = value;
  }
  return flags;
}

function isConfigError(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConfigError';
}
