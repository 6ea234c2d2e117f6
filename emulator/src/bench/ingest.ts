import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../apigw-http/auth/jwt/mint.js';
import { loadOrCreateKeys } from '../commands/token.js';
import { startInfluxd } from '../influxd/influxd.js';
import { cpuBudget, type CpuBudget, type CpuPerPoint } from './cpu.js';
import { influxQuery, keepAliveAgent, post } from './http.js';
import { closedLoop, openLoop, type LoadResult, type Watch } from './load.js';
import { lineProtocol, points, records } from './points.js';
import { startStackProcess } from './stackProcess.js';

export interface Scenario {
  name: string;
  batch: number;
  concurrency: number;
  pointsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  firstError?: string;
  /** Microseconds of CPU per point, by process (cpu.ts). */
  cpuUsPerPoint?: CpuPerPoint;
  /** Share of the wall time the stack's (or server's) one event loop was on a CPU, 0 to 1. */
  mainThreadBusy?: Record<string, number>;
}

export interface IngestFigures {
  raw: Scenario[];
  stack: Scenario[];
  /**
   * Each stack scenario's throughput over the raw one with the same batch and concurrency, its
   * target, and what the target leaves the stack in CPU per point on this machine.
   */
  ratios: {
    batch: number;
    concurrency: number;
    ratio: number;
    target: number;
    cpuBudget?: CpuBudget;
  }[];
  fleet: Scenario & { projects: number; intervalMs: number };
  /**
   * The same open loop (770 senders, one point a second each) straight to InfluxDB: the floor
   * under the stack's latency, since the stack answers only once InfluxDB has the point.
   */
  rawFleet: Scenario;
  stackPeakRssMiB?: number;
}

export interface IngestOptions {
  durationMs: number;
  fleetDurationMs: number;
  influxUrl?: string;
  log: (line: string) => void;
}

const SHAPES = [
  { batch: 1, concurrency: 64, target: 0.4 },
  { batch: 100, concurrency: 8, target: 0.5 },
];

/** The process the stack runs in, as the CPU figures name it. */
export const STACK = 'stack';

/**
 * Raw InfluxDB line-protocol writes against the same points through the whole local stack (HTTP
 * to the gateway shim, the JWT authorizer, a Lambda environment, the app, the influx adapter), one
 * after the other on the same InfluxDB, with the same HTTP client.
 */
export async function benchIngest(options: IngestOptions): Promise<IngestFigures> {
  const influx = options.influxUrl ? undefined : await startInfluxd();
  const influxUrl = options.influxUrl ?? influx!.url;
  const keysDir = await mkdtemp(join(tmpdir(), 'windtunnel-bench-keys-'));
  try {
    await influxQuery(influxUrl, 'CREATE DATABASE "bench_raw"');
    const raw: Scenario[] = [];
    const rawWatch = { processes: { influxd: influx?.pid } };
    for (const shape of SHAPES) {
      options.log(`raw InfluxDB: batch ${shape.batch}, concurrency ${shape.concurrency}`);
      raw.push(await rawScenario(influxUrl, shape, options.durationMs, rawWatch));
    }
    options.log('raw InfluxDB: 770 projects, one point a second each');
    const rawFleet = await rawFleetScenario(influxUrl, options.fleetDurationMs, rawWatch);
    const stack = await startStackProcess({
      INFLUX_URL: influxUrl,
      INFLUX_DATABASE: 'bench_stack',
      WINDTUNNEL_KEYS_DIR: keysDir,
      DEVICE_AUTH: 'jwt',
    });
    try {
      const keys = await loadOrCreateKeys(keysDir);
      const now = Math.floor(Date.now() / 1000);
      const token = mintToken(keys.privateKey, keys.kid, {
        iss: 'https://windtunnel.local/',
        aud: 'windtunnel',
        sub: 'bench',
        turbines: '*',
        exp: now + 3600,
      });
      const watch = { processes: { [STACK]: stack.pid, influxd: influx?.pid }, nodeRoles: [STACK] };
      const results: Scenario[] = [];
      for (const shape of SHAPES) {
        options.log(`stack: batch ${shape.batch}, concurrency ${shape.concurrency}`);
        results.push(await stackScenario(stack.url, token, shape, options.durationMs, watch));
      }
      options.log(`stack: 770 projects, one reading a second each`);
      const fleet = await fleetScenario(stack.url, token, options.fleetDurationMs, watch);
      const stackPeakRssMiB = await stack.peakRssMiB();
      return {
        raw,
        stack: results,
        ratios: SHAPES.map((shape, i) => {
          const budget = cpuBudget(
            raw[i]!.pointsPerSecond,
            shape.target,
            results[i]!.cpuUsPerPoint,
            STACK,
          );
          return {
            ...shape,
            ratio: results[i]!.pointsPerSecond / raw[i]!.pointsPerSecond,
            ...(budget ? { cpuBudget: budget } : {}),
          };
        }),
        fleet,
        rawFleet,
        ...(stackPeakRssMiB === undefined ? {} : { stackPeakRssMiB }),
      };
    } finally {
      await stack.stop();
    }
  } finally {
    await influx?.stop();
    await rm(keysDir, { recursive: true, force: true });
  }
}

type Shape = { batch: number; concurrency: number };

async function rawScenario(influxUrl: string, shape: Shape, durationMs: number, watch: Watch) {
  const agent = keepAliveAgent(shape.concurrency);
  const url = new URL(`${influxUrl}/write?db=bench_raw&precision=ms`);
  const send = async () => {
    const res = await post(agent, url, lineProtocol(points(shape.batch)));
    if (res.status !== 204) throw new Error(`InfluxDB answered ${res.status}: ${res.body}`);
    return shape.batch;
  };
  const result = await closedLoop(shape.concurrency, durationMs, send, watch);
  agent.destroy();
  return scenario(`raw batch ${shape.batch}`, shape, result);
}

async function stackScenario(
  stackUrl: string,
  token: string,
  shape: Shape,
  durationMs: number,
  watch: Watch,
) {
  const agent = keepAliveAgent(shape.concurrency);
  const url = new URL(`${stackUrl}/measurements`);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const send = async () => {
    const res = await post(agent, url, JSON.stringify(records(points(shape.batch))), headers);
    if (res.status !== 200)
      throw new Error(`the stack answered ${res.status}: ${res.body.slice(0, 300)}`);
    return shape.batch;
  };
  const result = await closedLoop(shape.concurrency, durationMs, send, watch);
  agent.destroy();
  return scenario(`stack batch ${shape.batch}`, shape, result);
}

const FLEET_PROJECTS = 770;

async function rawFleetScenario(influxUrl: string, durationMs: number, watch: Watch) {
  const agent = keepAliveAgent(FLEET_PROJECTS);
  const url = new URL(`${influxUrl}/write?db=bench_raw&precision=ms`);
  const result = await openLoop(
    FLEET_PROJECTS,
    1000,
    durationMs,
    async (sender) => {
      const res = await post(agent, url, lineProtocol(points(1, sender)));
      if (res.status !== 204) throw new Error(`InfluxDB answered ${res.status}: ${res.body}`);
      return 1;
    },
    watch,
  );
  agent.destroy();
  return scenario('raw, 770 projects at 1/s', { batch: 1, concurrency: FLEET_PROJECTS }, result);
}

async function fleetScenario(stackUrl: string, token: string, durationMs: number, watch: Watch) {
  const projects = FLEET_PROJECTS;
  const agent = keepAliveAgent(projects);
  const url = new URL(`${stackUrl}/measurements`);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const result = await openLoop(
    projects,
    1000,
    durationMs,
    async (sender) => {
      const res = await post(agent, url, JSON.stringify(records(points(1, sender))), headers);
      if (res.status !== 200)
        throw new Error(`the stack answered ${res.status}: ${res.body.slice(0, 300)}`);
      return 1;
    },
    watch,
  );
  agent.destroy();
  const shape = { batch: 1, concurrency: projects };
  return { ...scenario('stack, 770 projects at 1/s', shape, result), projects, intervalMs: 1000 };
}

export function scenario(
  name: string,
  shape: { batch: number; concurrency: number },
  r: LoadResult,
): Scenario {
  return {
    name,
    ...shape,
    pointsPerSecond: r.points / r.seconds,
    p50Ms: r.latencies.percentile(50),
    p99Ms: r.latencies.percentile(99),
    requests: r.requests,
    errors: r.errors,
    ...(r.firstError ? { firstError: r.firstError } : {}),
    ...(r.cpu ? { cpuUsPerPoint: r.cpu } : {}),
    ...(r.mainThreadBusy && Object.keys(r.mainThreadBusy).length > 0
      ? { mainThreadBusy: r.mainThreadBusy }
      : {}),
  };
}
