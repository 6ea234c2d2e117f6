import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import serverless from 'serverless-http';
import { loadAppConfig } from './config.js';
import { createApp } from './http/createApp.js';
import { loadStore } from './storage/loadStore.js';
import type { TelemetryStore } from './storage/TelemetryStore.js';

type ServerlessHandler = ReturnType<typeof serverless>;

interface Initialised {
  handle: ServerlessHandler;
  store: TelemetryStore;
}

let initialised: Promise<Initialised> | undefined;

/**
 * The Lambda entry point: serverless-http around the same Express app that every test drives.
 * Configuration is read and the store created once per execution environment (the cold start);
 * warm invocations reuse them, as in Lambda. A failed start is not cached, so the next
 * invocation tries again.
 */
export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<unknown> {
  initialised ??= init().catch((err: unknown) => {
    initialised = undefined;
    throw err;
  });
  const { handle } = await initialised;
  return handle(event, context);
}

async function init(): Promise<Initialised> {
  const config = loadAppConfig(process.env);
  const store = await loadStore(config);
  const app = createApp({
    store,
    table: config.table,
    maxRecordsPerRequest: config.maxRecordsPerRequest,
  });
  return { handle: serverless(app), store };
}

/** Closes the store of this environment, if it was started (used by the local stack on exit). */
export async function shutdown(): Promise<void> {
  const current = initialised;
  initialised = undefined;
  if (current) await (await current).store.close();
}
