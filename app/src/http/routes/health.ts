import { Router } from 'express';
import type { TelemetryStore } from '../../storage/TelemetryStore.js';
import { StoreUnavailableError } from '../../storage/TelemetryStore.js';

/** `GET /health`: the process is alive (always) and the store answers (503 when it does not). */
export function healthRoutes(deps: { store: TelemetryStore }): Router {
  const router = Router();
  router.get('/health', async (_req, res, next) => {
    try {
      await deps.store.ping();
      res.json({ status: 'ok', storage: { backend: deps.store.backend, status: 'ok' } });
    } catch (err) {
      if (!(err instanceof StoreUnavailableError)) return next(err);
      res
        .status(503)
        .set('retry-after', String(err.retryAfterSeconds))
        .json({
          status: 'degraded',
          storage: { backend: deps.store.backend, status: 'unavailable', message: err.message },
        });
    }
  });
  return router;
}
