import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import serverless from 'serverless-http';
import { loadAppConfig, type AppConfig } from './config.js';
import { createApp } from './http/createApp.js';
import { loadStore } from './storage/loadStore.js';
import type { TelemetryStore } from './storage/TelemetryStore.js';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export interface LambdaFunction {
  handler: LambdaHandler;
  /** Closes the store, if the function was started. */
  shutdown(): Promise<void>;
}

/**
 * Builds the function from an environment: serverless-http around the same Express app that every
 * test drives. Configuration is read and the store created on the first invocation (the cold
 * start) and reused by the warm ones, as in Lambda. A failed start is not cached, so the next
 * invocation tries again.
 *
 * @example
 * const fn = createLambdaFunction({ STORAGE_BACKEND: 'memory', DEVICE_AUTH: 'off' });
 * const result = await fn.handler(event, context);
 */
export function createLambdaFunction(
  env: Record<string, string | undefined>,
  /** A store to use instead of creating one (the local stack shares its in-memory store). */
  deps: { store?: TelemetryStore } = {},
): LambdaFunction {
  let started:
    Promise<{ handle: ReturnType<typeof serverless>; store: TelemetryStore }> | undefined;
  const start = async () => {
    const config: AppConfig = loadAppConfig(env);
    const store = deps.store ?? (await loadStore(config));
    const app = createApp({
      store,
      table: config.table,
      maxRecordsPerRequest: config.maxRecordsPerRequest,
      deviceAuth: config.deviceAuth,
      dashboard: config.dashboard,
    });
    if (config.deviceAuth.mode === 'off') {
      console.warn(
        "windtunnel: DEVICE_AUTH=off: ANY caller may write ANY turbine's telemetry. For local trials only; never deploy this.",
      );
    }
    return { handle: serverless(app), store };
  };
  return {
    async handler(event, context) {
      started ??= start().catch((err: unknown) => {
        started = undefined;
        throw err;
      });
      const { handle } = await started;
      return handle(event, context);
    },
    async shutdown() {
      const current = started;
      started = undefined;
      if (current && !deps.store) await (await current).store.close();
    },
  };
}

const lambda = createLambdaFunction(process.env);

/** The Lambda entry point (`app/src/lambda.handler`), configured from the function's environment. */
export const handler: LambdaHandler = lambda.handler;
