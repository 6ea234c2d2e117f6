import { Router } from 'express';
import { fleetPower } from '../../analysis/power.js';
import { parseDuration, parseName, parseRange, singleParams } from '../../analysis/params.js';
import type { TableRef, TelemetryStore } from '../../storage/TelemetryStore.js';

interface Deps {
  store: TelemetryStore;
  table: TableRef;
  /** The dimension naming a device (DEVICE_DIMENSION): readings are averaged per device. */
  deviceDimension: string;
  now: () => bigint;
}

const PARAMS = ['since', 'from', 'to', 'bin', 'by', 'measure', 'measure_name'] as const;

/**
 * `GET /power?since=24h&bin=10m&by=project`: the fleet's total per bin (the sum over devices of
 * each device's mean reading in the bin), and per value of `by` when given. Defaults: the last
 * 24 h, 10-minute bins, measure `power_kw` of `reading` records (the fleet simulator's shape).
 * Read-only; the stack routes it outside the device authorizer, as it does every GET.
 *
 * @example
 * // GET /power?since=1h&bin=30m&by=project
 * // {"from":"...","to":"...","bin":"30m","measureName":"reading","measure":"power_kw","by":"project",
 * //  "total":[{"time":"2026-11-26T10:00:00.000Z","total":1234.5,"devices":770}, ...],
 * //  "groups":[{"time":"...","project":"Windpark Noord","total":12.5,"devices":3}, ...]}
 */
export function powerRoutes(deps: Deps): Router {
  const router = Router();
  router.get('/power', async (req, res, next) => {
    try {
      const params = singleParams(req.query, PARAMS);
      const range = parseRange(params, deps.now());
      const binText = params.bin ?? '10m';
      const bin = parseDuration('bin', binText);
      const by = params.by === undefined ? undefined : parseName('by', params.by);
      const measureName = parseName('measure_name', params.measure_name ?? 'reading');
      const measure = parseName('measure', params.measure ?? 'power_kw');
      const result = await fleetPower(deps.store, deps.table, {
        ...range,
        bin,
        measureName,
        measure,
        device: deps.deviceDimension,
        ...(by === undefined ? {} : { by }),
      });
      const iso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();
      res.json({
        from: iso(range.from),
        to: iso(range.to),
        bin: binText,
        measureName,
        measure,
        ...(by === undefined ? {} : { by }),
        total: result.total.map((p) => ({ time: iso(p.time), total: p.total, devices: p.devices })),
        ...(result.groups === undefined || by === undefined
          ? {}
          : {
              groups: result.groups.map((p) => ({
                time: iso(p.time),
                [by]: p.group ?? null,
                total: p.total,
                devices: p.devices,
              })),
            }),
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
