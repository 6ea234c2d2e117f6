import { loadAppConfig, type AppConfig } from '../../app/src/config.js';
import { createLambdaFunction } from '../../app/src/lambda.js';
import { startGateway } from './apigw-http/index.js';

export interface Stack {
  url: string;
  config: AppConfig;
  close(): Promise<void>;
}

export interface StackOptions {
  env: Record<string, string | undefined>;
  port: number;
  host: string;
  log?: (line: string) => void;
}

/**
 * The local stack: the API Gateway HTTP API shim serving the app's Lambda handler, configured from
 * the environment exactly as the function would be in AWS. The app's configuration is checked
 * before the port opens, so a bad variable stops the start with a message naming it.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const config = loadAppConfig(options.env);
  const fn = createLambdaFunction(options.env);
  const gateway = await startGateway({
    handler: fn.handler,
    port: options.port,
    host: options.host,
    ...(options.log ? { log: options.log } : {}),
  });
  return {
    url: gateway.url,
    config,
    async close() {
      await gateway.close();
      await fn.shutdown();
    },
  };
}

/** The one start-up line: where the API is and where the data goes. */
export function describeStack(stack: Stack): string {
  const { config } = stack;
  const storage =
    config.backend === 'memory'
      ? 'in-memory store (data is lost on exit; set INFLUX_URL to use InfluxDB)'
      : config.backend === 'influx'
        ? `InfluxDB at ${config.influx.url}, database '${config.table.database}', measurement '${config.table.table}'`
        : `Timestream ${config.timestream.endpoint ?? `in ${config.timestream.region}`}, table "${config.table.database}"."${config.table.table}"`;
  return `windtunnel: API on ${stack.url} (API Gateway HTTP API shim -> Lambda app/src/lambda.handler) -> ${storage}`;
}
