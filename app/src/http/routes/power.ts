import { Router } from 'express';
import { nsTime } from '../../analysis/format.js';
import { fleetPower } from '../../analysis/power.js';
import {
  parseDuration,
  parseName,
  parseRange,
  QueryParamError,
  singleParams,
} from '../../analysis/params.js';
import { projectPower } from '../../analysis/projects.js';
import type { TableRef, TelemetryStore } from '../../storage/TelemetryStore.js';

interface Deps {
  store: TelemetryStore;
  table: TableRef;
  /** The dimension naming a device (DEVICE_DIMENSION): readings are averaged per device. */
  deviceDimension: string;
  now: () => bigint;
}

const PARAMS = ['since', 'from', 'to', 'bin', 'by', 'measure', 'measure_name'] as const;
const PROJECT_PARAMS = ['since', 'from', 'to', 'label', 'measure', 'measure_name', 'latest'];
/** Most measures `latest` may name. */
const MAX_LATEST = 8;

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

  /**
   * `GET /power/projects?since=24h`: per device, its mean power over the range and its latest
   * reading (time, power, and the `latest` measures: hub wind speed and nominal power by default),
   * with the `label` dimension (default `project`) alongside.
   *
   * @example
   * // GET /power/projects?since=1h
   * // {"from":"...","to":"...","device":"turbine_id","label":"project","measure":"power_kw",
   * //  "projects":[{"turbine_id":"NL-0001","project":"Windpark Noord","readings":60,"mean":1532.5,
   * //    "latest":{"time":"2026-11-26T10:59:00.000000000Z","power_kw":1610,"wind_speed_hub":9.1,
   * //    "nominal_power_kw":3000}}, ...]}
   */
  router.get('/power/projects', async (req, res, next) => {
    try {
      const params = singleParams(req.query, PROJECT_PARAMS);
      const range = parseRange(params, deps.now());
      const label = parseName('label', params.label ?? 'project');
      const measureName = parseName('measure_name', params.measure_name ?? 'reading');
      const measure = parseName('measure', params.measure ?? 'power_kw');
      const latest = (params.latest ?? 'wind_speed_hub,nominal_power_kw')
        .split(',')
        .filter((name) => name !== '')
        .map((name) => parseName('latest', name));
      if (latest.length > MAX_LATEST) {
        throw new QueryParamError('latest', `names at most ${MAX_LATEST} measures`);
      }
      if (latest.includes('time')) {
        throw new QueryParamError('latest', "'time' is the reading's time, always given");
      }
      const device = deps.deviceDimension;
      const rows = await projectPower(deps.store, deps.table, {
        ...range,
        measureName,
        measure,
        device,
        label,
        latest,
      });
      res.json({
        from: iso(range.from),
        to: iso(range.to),
        measureName,
        measure,
        device,
        label,
        projects: rows.map((r) => ({
          [device]: r.device,
          ...(label === device ? {} : { [label]: r.label }),
          readings: r.readings,
          mean: r.mean,
          latest: r.latest && { time: nsTime(r.latest.time), ...r.latest.values },
        })),
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}

const iso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();
