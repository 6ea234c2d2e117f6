import { Router } from 'express';
import {
  authorizeRecords,
  requireCaller,
  type DeviceAuthSettings,
} from '../../auth/authorizeRecords.js';
import { deviceIdentityOf } from '../../auth/deviceIdentity.js';
import { BadRequestError } from '../../errors.js';
import type { TableRef, TelemetryStore } from '../../storage/TelemetryStore.js';
import { BatchShapeError, parseBatch } from '../../telemetry/batch.js';
import { jsonBody } from '../jsonBody.js';
import { sendWriteOutcome, type Rejection } from '../writeOutcome.js';

interface Deps {
  store: TelemetryStore;
  table: TableRef;
  maxRecordsPerRequest: number;
  deviceAuth: DeviceAuthSettings;
  now: () => bigint;
}

/** API Gateway HTTP APIs refuse bodies over 10 MB; the app never needs more than that. */
const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

/**
 * `POST /measurements`: one record, an array, or `{CommonAttributes, Records}` in Timestream's
 * WriteRecords shape. Valid records are stored even when others in the request are refused; the
 * response lists exactly which indexes were stored and which were rejected, and why. A caller may
 * only write the turbines its token names (app/src/auth).
 */
export function measurementRoutes(deps: Deps): Router {
  const router = Router();
  // One route, three steps: an anonymous write is refused before its body is read.
  router.post(
    '/measurements',
    (req, _res, next) => {
      requireCaller(deps.deviceAuth, deviceIdentityOf(req));
      next();
    },
    jsonBody(BODY_LIMIT_BYTES),
    async (req, res, next) => {
      try {
        const identity = deviceIdentityOf(req);
        const batch = parse(req.body, deps);
        authorizeRecords(deps.deviceAuth, identity, batch.valid);
        const result = await deps.store.write(
          deps.table,
          batch.valid.map((v) => v.record),
        );
        const original = (i: number) => batch.valid[i]!.index;
        const rejected: Rejection[] = [
          ...batch.invalid.map(({ index, field, reason }) => ({
            index,
            code: 'InvalidRecord' as const,
            field,
            reason,
          })),
          ...result.rejected.map((r) => ({ ...r, index: original(r.index) })),
        ];
        sendWriteOutcome(res, {
          stored: result.stored.map(original),
          rejected: rejected.sort((a, b) => a.index - b.index),
        });
      } catch (err) {
        next(err);
      }
    },
  );
  return router;
}

function parse(body: unknown, deps: Deps) {
  try {
    return parseBatch(body, deps.maxRecordsPerRequest, deps.now());
  } catch (err) {
    if (err instanceof BatchShapeError) throw new BadRequestError(err.code, err.message);
    throw err;
  }
}
