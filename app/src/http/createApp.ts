import express, { type Express } from 'express';
import type { DeviceAuthSettings } from '../auth/authorizeRecords.js';
import { NotFoundError } from '../errors.js';
import type { TableRef, TelemetryStore } from '../storage/TelemetryStore.js';
import { errorHandler, type Logger } from './errorHandler.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { measurementRoutes } from './routes/measurements.js';
import { powerRoutes } from './routes/power.js';
import { readRecordRoutes } from './routes/readRecords.js';

export interface AppDeps {
  store: TelemetryStore;
  table: TableRef;
  maxRecordsPerRequest: number;
  deviceAuth: DeviceAuthSettings;
  /** Serve the live dashboard at `/dashboard` (DASHBOARD_ENABLED). */
  dashboard?: boolean;
  /** The clock, in ns since the epoch (tests pin it). */
  now?: () => bigint;
  log?: Logger;
}

/**
 * The ingestion service as a plain Express app. It never knows whether it runs in Lambda (through
 * serverless-http, app/src/lambda.ts) or anywhere else: tests drive it with supertest.
 *
 * @example
 * const app = createApp({
 *   store: new InMemoryTelemetryStore(),
 *   table,
 *   maxRecordsPerRequest: 10_000,
 *   deviceAuth: { mode: 'jwt', dimension: 'turbine_id' },
 * });
 */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const now = deps.now ?? (() => BigInt(Date.now()) * 1_000_000n);
  app.use(measurementRoutes({ ...deps, now }));
  app.use(healthRoutes(deps));
  app.use(powerRoutes({ ...deps, now, deviceDimension: deps.deviceAuth.dimension }));
  app.use(readRecordRoutes({ ...deps, now }));
  if (deps.dashboard) app.use(dashboardRoutes());
  app.use((req, _res, next) => next(new NotFoundError(`no route for ${req.method} ${req.path}`)));
  app.use(errorHandler(deps.log ?? console));
  return app;
}
