import { resolve } from 'node:path';
import { loadAppConfig, type AppConfig } from '../../app/src/config.js';
import { createLambdaFunction } from '../../app/src/lambda.js';
import { loadStore } from '../../app/src/storage/loadStore.js';
import { jwksOf } from './apigw-http/auth/jwt/mint.js';
import type { GatewayConfigInput } from './apigw-http/config/types.js';
import { startGateway } from './apigw-http/index.js';
import { loadOrCreateKeys } from './commands/token.js';
import type { StackConfig } from './config.js';
import { LambdaFunctionPool } from './lambda/index.js';
import { runTimestreamServer } from './timestream/index.js';

export interface Stack {
  url: string;
  /** The Timestream API emulator's endpoint, when the stack runs one. */
  timestreamUrl?: string;
  config: AppConfig;
  stack: StackConfig;
  close(): Promise<void>;
}

export interface StackOptions {
  /** The function's environment (the app reads its variables from it). */
  env: Record<string, string | undefined>;
  stack: StackConfig;
  /** Also serve the Timestream API emulator on this port (0: a free one); off when absent. */
  timestreamPort?: number;
  log?: (line: string) => void;
}

/**
 * The local stack as it runs in AWS: an HTTP API (a JWT authorizer on `POST /measurements` when
 * device auth is on, everything else open) in front of the app's Lambda function, run in a pool of
 * execution environments that each start cold, as Lambda's do. The app's configuration is
 * checked before the port opens, so a bad variable stops the start with a message naming it.
 *
 * The one departure: with the in-memory store, all environments share one store (in Lambda each
 * environment has its own memory; a store that forgot data between environments would be useless).
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const config = loadAppConfig(options.env);
  const shared = config.backend === 'memory' ? await loadStore(config) : undefined;
  const pool = new LambdaFunctionPool(
    { name: 'windtunnel-ingest', ...options.stack.function },
    async () => createLambdaFunction(options.env, shared ? { store: shared } : {}),
    options.log ? { log: options.log } : {},
  );
  const timestream =
    options.timestreamPort === undefined
      ? undefined
      : await runTimestreamServer(options.env, {
          port: options.timestreamPort,
          host: options.stack.host,
          ...(options.log ? { log: options.log } : {}),
        }).catch(async (err: unknown) => {
          await pool.close();
          await shared?.close();
          throw err;
        });
  try {
    const gateway = await startGateway({
      invoker: pool,
      config: await gatewayConfig(config, options.stack),
      port: options.stack.port,
      host: options.stack.host,
      ...(options.log ? { log: options.log } : {}),
    });
    return {
      url: gateway.url,
      ...(timestream ? { timestreamUrl: timestream.url } : {}),
      config,
      stack: options.stack,
      async close() {
        await gateway.close();
        await pool.close();
        await shared?.close();
        await timestream?.close();
      },
    };
  } catch (err) {
    await pool.close();
    await shared?.close();
    await timestream?.close();
    throw err;
  }
}

async function gatewayConfig(app: AppConfig, stack: StackConfig): Promise<GatewayConfigInput> {
  if (app.deviceAuth.mode === 'off') return { routes: [{ routeKey: '$default' }] };
  return {
    authorizers: {
      devices: {
        type: 'JWT',
        issuer: stack.jwt.issuer,
        audience: [stack.jwt.audience],
        jwks: await jwksSource(stack.jwt),
      },
    },
    routes: [{ routeKey: 'POST /measurements', authorizer: 'devices' }, { routeKey: '$default' }],
  };
}

async function jwksSource(jwt: StackConfig['jwt']) {
  if (jwt.jwks)
    return /^https?:\/\//.test(jwt.jwks) ? { url: jwt.jwks } : { file: resolve(jwt.jwks) };
  return { keys: jwksOf((await loadOrCreateKeys(jwt.keysDir)).publicKey).keys };
}

/** The start-up lines: where the API is, who may write, where the data goes; the Timestream API. */
export function describeStack(stack: Stack): string {
  const { config } = stack;
  const storage =
    config.backend === 'memory'
      ? 'in-memory store (data is lost on exit; set INFLUX_URL to use InfluxDB)'
      : config.backend === 'influx'
        ? `InfluxDB at ${config.influx.url}, database '${config.table.database}', measurement '${config.table.table}'`
        : `Timestream ${config.timestream.endpoint ?? `in ${config.timestream.region}`}, table "${config.table.database}"."${config.table.table}"`;
  const auth =
    config.deviceAuth.mode === 'off'
      ? 'auth OFF (DEVICE_AUTH=off: anyone may write any turbine)'
      : `devices need a JWT (mint one: npx windtunnel token --sub <turbine id>)`;
  const lines = [
    `windtunnel: API on ${stack.url}, ${auth} -> Lambda app/src/lambda.handler -> ${storage}`,
  ];
  if (config.dashboard) {
    lines.push(
      `windtunnel: live dashboard on ${stack.url}/dashboard (DASHBOARD_ENABLED=false hides it)`,
    );
  }
  if (!stack.timestreamUrl) return lines.join('\n');
  return `${lines.join('\n')}\nwindtunnel: Timestream API (write + query) on ${stack.timestreamUrl}: use it as the AWS SDK's, CLI's or boto3's endpoint`;
}
