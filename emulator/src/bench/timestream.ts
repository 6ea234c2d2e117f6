import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand, TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  TimestreamWriteClient,
  WriteRecordsCommand,
  type _Record,
} from '@aws-sdk/client-timestream-write';
import { pointFields, pointTags } from '../../../app/src/storage/influx/mapping.js';
import type { TelemetryRecord } from '../../../app/src/telemetry/record.js';
import { validateRecord } from '../../../app/src/telemetry/validate.js';
import { startInfluxd } from '../influxd/influxd.js';
import { cpuBudget, type CpuBudget } from './cpu.js';
import { influxQuery, keepAliveAgent, post } from './http.js';
import { startWindtunnelProcess, type WindtunnelProcess } from './stackProcess.js';
import { scenario, type Scenario } from './ingest.js';
import { closedLoop, type Watch } from './load.js';
import { lineProtocol, points, records, type Point } from './points.js';

/**
 * The Timestream server on InfluxDB as `windtunnel timestream` runs it, in its own process:
 * (a) WriteRecords through @aws-sdk/client-timestream-write, 100 records a request at concurrency
 *     8, against raw InfluxDB line protocol of the same kind of points, in the same run;
 * (b) Query latency through @aws-sdk/client-timestream-query: the fleet total per 10 minutes over
 *     24 h of 770 turbines at one point a minute (1,108,800 points).
 */
export interface TimestreamFigures {
  write: { raw: Scenario; sdk: Scenario; ratio: number; target: number; cpuBudget?: CpuBudget };
  query: {
    sql: string;
    points: number;
    /** How the 1.1 M points were written, and how long the writes took. */
    load: { path: string; seconds: number; pointsPerSecond: number };
    /** Runs that finished. A run past `timeoutMs` is abandoned, one over 5 s not repeated. */
    runsMs: number[];
    timedOut: boolean;
    timeoutMs: number;
    medianMs: number | null;
    targetMs: number;
    rows: number;
    /** Full 10-minute bins whose fleet total was checked against the points written. */
    checkedBins: number;
    wrongBins: number;
  };
  serverPeakRssMiB?: number;
}

export interface TimestreamBenchOptions {
  durationMs: number;
  queryRuns: number;
  queryTimeoutMs: number;
  influxUrl?: string;
  log: (line: string) => void;
}

const TURBINES = 770;
const MINUTES = 24 * 60;
const BATCH = 100;
const CONCURRENCY = 8;
const SHAPE = { batch: BATCH, concurrency: CONCURRENCY };
const DATABASE = 'bench_timestream';
const WRITE_TARGET = 0.4;
/** The Timestream server's process, as the CPU figures name it. */
export const SERVER = 'server';

/**
 * The engine has no subqueries, so "the sum over turbines of each turbine's mean" is written as
 * sum * turbines / readings: the same when every turbine has as many readings in a bin as the
 * others (here: one a minute). With gaps it would weigh each turbine by its number of readings.
 */
export const FLEET_SQL =
  'SELECT bin(time, 10m) AS t, ' +
  'sum(power_kw) * count(DISTINCT turbine_id) / count(*) AS fleet_kw, count(*) AS readings ' +
  `FROM "${DATABASE}"."fleet" WHERE time > ago(24h) AND measure_name = 'reading' ` +
  'GROUP BY bin(time, 10m) ORDER BY t';

export async function benchTimestream(o: TimestreamBenchOptions): Promise<TimestreamFigures> {
  const influx = o.influxUrl ? undefined : await startInfluxd();
  const influxUrl = o.influxUrl ?? influx!.url;
  const dataDir = await mkdtemp(join(tmpdir(), 'windtunnel-bench-timestream-'));
  const agent = keepAliveAgent(CONCURRENCY);
  let server: WindtunnelProcess | undefined;
  try {
    // Fresh databases, also in an InfluxDB given by INFLUX_URL that an earlier run wrote to.
    for (const db of [DATABASE, `${DATABASE}_raw`]) {
      await influxQuery(influxUrl, `DROP DATABASE "${db}"`);
      await influxQuery(influxUrl, `CREATE DATABASE "${db}"`);
    }
    server = await startServerProcess({
      INFLUX_URL: influxUrl,
      TIMESTREAM_DATA_DIR: dataDir,
    });
    const config = {
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      maxAttempts: 1,
      requestHandler: { httpAgent: agent },
    };
    const write = new TimestreamWriteClient(config);
    const query = new TimestreamQueryClient(config);
    await createTables(write);

    o.log(`raw InfluxDB: batch ${BATCH}, concurrency ${CONCURRENCY}`);
    const raw = await rawWrites(influxUrl, o.durationMs, { processes: { influxd: influx?.pid } });
    o.log(`WriteRecords through the SDK: batch ${BATCH}, concurrency ${CONCURRENCY}`);
    const sdk = await sdkWrites(write, o.durationMs, {
      processes: { [SERVER]: server.pid, influxd: influx?.pid },
      nodeRoles: [SERVER],
    });
    const budget = cpuBudget(raw.pointsPerSecond, WRITE_TARGET, sdk.cpuUsPerPoint, SERVER);
    o.log(`loading ${TURBINES} turbines x ${MINUTES} minutes into "${DATABASE}"."fleet"`);
    const fleet = await loadFleet(influxUrl);
    o.log(`Query: fleet total per 10 minutes over 24 h (up to ${o.queryRuns} runs)`);
    const runs = await queryRuns(query, o.queryRuns, o.queryTimeoutMs);
    const serverPeakRssMiB = await server.peakRssMiB();
    return {
      write: {
        raw,
        sdk,
        ratio: sdk.pointsPerSecond / raw.pointsPerSecond,
        target: WRITE_TARGET,
        ...(budget ? { cpuBudget: budget } : {}),
      },
      query: {
        sql: FLEET_SQL,
        points: fleet.points,
        load: fleet.load,
        runsMs: runs.runsMs,
        timedOut: runs.timedOut,
        timeoutMs: o.queryTimeoutMs,
        medianMs: median(runs.runsMs),
        targetMs: 1000,
        rows: runs.rows.length,
        ...check(runs.rows, fleet.binSums),
      },
      ...(serverPeakRssMiB === undefined ? {} : { serverPeakRssMiB }),
    };
  } finally {
    agent.destroy();
    await server?.stop();
    if (o.influxUrl) {
      for (const db of [DATABASE, `${DATABASE}_raw`]) {
        await influxQuery(influxUrl, `DROP DATABASE "${db}"`).catch(() => {});
      }
    }
    await influx?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function createTables(write: TimestreamWriteClient): Promise<void> {
  await write.send(new CreateDatabaseCommand({ DatabaseName: DATABASE }));
  const RetentionProperties = {
    MemoryStoreRetentionPeriodInHours: 48,
    MagneticStoreRetentionPeriodInDays: 7,
  };
  for (const TableName of ['throughput', 'fleet']) {
    await write.send(
      new CreateTableCommand({ DatabaseName: DATABASE, TableName, RetentionProperties }),
    );
  }
}

/** Consecutive turbines, so that a request holds 100 series and the next request 100 others. */
const fleetBatch = (): Point[] => points(BATCH);

async function rawWrites(influxUrl: string, durationMs: number, watch: Watch): Promise<Scenario> {
  const agent = keepAliveAgent(CONCURRENCY);
  const url = new URL(`${influxUrl}/write?db=${DATABASE}_raw&precision=ms`);
  const result = await closedLoop(
    CONCURRENCY,
    durationMs,
    async () => {
      const res = await post(agent, url, lineProtocol(fleetBatch()));
      if (res.status !== 204) throw new Error(`InfluxDB answered ${res.status}: ${res.body}`);
      return BATCH;
    },
    watch,
  );
  agent.destroy();
  return scenario('raw InfluxDB, batch 100', SHAPE, result);
}

async function sdkWrites(
  write: TimestreamWriteClient,
  durationMs: number,
  watch: Watch,
): Promise<Scenario> {
  const result = await closedLoop(
    CONCURRENCY,
    durationMs,
    async () => {
      const request = { DatabaseName: DATABASE, TableName: 'throughput' };
      // points.ts types its records as the loose WireRecord; their members are the SDK's strings.
      const Records = records(fleetBatch()) as _Record[];
      await write.send(new WriteRecordsCommand({ ...request, Records }));
      return BATCH;
    },
    watch,
  );
  return scenario('WriteRecords (SDK), batch 100', SHAPE, result);
}

/**
 * The query's 1.1 M points go straight into InfluxDB as the server's store writes them: each
 * turbine's record is validated once by the app's validateRecord, and every point is mapped by
 * the InfluxDB adapter's own pointTags/pointFields. Skipped are HTTP, the SDK and the adapter's
 * read-before-write upsert check, which has nothing to find in a fresh table; at the rate of
 * phase (a), the load through WriteRecords alone would take many minutes.
 *
 * Four writers share the load as a fleet does: each carries its own turbines, so every turbine's
 * points reach InfluxDB in time order. (Splitting the stream by time instead interleaves each
 * series out of order, which InfluxDB then sorts and merges at every read until it compacts: the
 * same query took 1.0 s instead of 0.7 s on this machine.)
 */
async function loadFleet(influxUrl: string) {
  const end = Math.floor(Date.now() / 60_000) * 60_000;
  const templates = Array.from({ length: TURBINES }, (_, turbine) => template(turbine));
  const binSums = new Map<number, number>();
  const writers = Array.from({ length: LOAD_WRITERS }, (): string[] => []);
  for (let minute = MINUTES; minute >= 1; minute--) {
    const timeMs = end - minute * 60_000;
    const bin = timeMs - (timeMs % 600_000);
    for (const [turbine, { record, tags }] of templates.entries()) {
      const { powerKw, windSpeed } = points(1, turbine)[0]!;
      binSums.set(bin, (binSums.get(bin) ?? 0) + powerKw);
      const measure = multi(powerKw, windSpeed);
      const fields = pointFields({ ...record, measure }).map(
        (f) => `${escape(f.key)}=${f.literal}`,
      );
      writers[turbine % LOAD_WRITERS]!.push(`fleet${tags} ${fields.join(',')} ${timeMs}000000`);
    }
  }
  const started = performance.now();
  const agent = keepAliveAgent(LOAD_WRITERS);
  const url = new URL(`${influxUrl}/write?db=${DATABASE}&precision=n`);
  const send = async (lines: string[]) => {
    for (let i = 0; i < lines.length; i += LOAD_BATCH) {
      const res = await post(agent, url, lines.slice(i, i + LOAD_BATCH).join('\n'));
      if (res.status !== 204) throw new Error(`InfluxDB answered ${res.status}: ${res.body}`);
    }
  };
  await Promise.all(writers.map(send));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const count = writers.reduce((n, lines) => n + lines.length, 0);
  const load = {
    path: `line protocol in the InfluxDB adapter mapping, batch ${LOAD_BATCH}, ${LOAD_WRITERS} writers, each turbine's points in time order`,
    seconds,
    pointsPerSecond: count / seconds,
  };
  return { points: count, binSums, load };
}

const LOAD_WRITERS = 4;
const LOAD_BATCH = 5000;

function template(turbine: number): { record: TelemetryRecord; tags: string } {
  const result = validateRecord(records(points(1, turbine))[0], undefined, 2n ** 63n - 1n);
  if (!result.ok) throw new Error(`${result.error.field}: ${result.error.reason}`);
  const tags = Object.entries(pointTags(result.record))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `,${escape(k)}=${escape(v)}`);
  return { record: result.record, tags: tags.join('') };
}

function multi(power: number, wind: number): TelemetryRecord['measure'] {
  return {
    kind: 'multi',
    values: [
      { name: 'power_kw', type: 'DOUBLE', value: String(power) },
      { name: 'wind_speed', type: 'DOUBLE', value: String(wind) },
    ],
  };
}

/** Line protocol escaping of tag keys, tag values and field keys. */
function escape(text: string): string {
  return text.replace(/[ ,=]/g, (c) => `\\${c}`);
}

type Row = Record<string, string | undefined>;

/** A run slower than this is not repeated: the median of "a few runs" is for a fast engine. */
const REPEAT_BELOW_MS = 5_000;

async function queryRuns(query: TimestreamQueryClient, runs: number, timeoutMs: number) {
  const runsMs: number[] = [];
  let rows: Row[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const abortSignal = AbortSignal.timeout(timeoutMs);
    const page = await query
      .send(new QueryCommand({ QueryString: FLEET_SQL }), { abortSignal })
      .catch((error: unknown) => {
        if (abortSignal.aborted) return undefined;
        throw error;
      });
    if (!page) return { runsMs, rows, timedOut: true };
    runsMs.push(performance.now() - started);
    if (page.NextToken) throw new Error('the fleet query answered more than one page');
    const names = (page.ColumnInfo ?? []).map((c) => c.Name ?? '');
    rows = (page.Rows ?? []).map((r) =>
      Object.fromEntries(names.map((name, j) => [name, r.Data?.[j]?.ScalarValue])),
    );
    if (runsMs.at(-1)! > REPEAT_BELOW_MS) break;
  }
  return { runsMs, rows, timedOut: false };
}

/** A full bin (every turbine, ten readings each) must give the sum of the turbines' means. */
function check(rows: Row[], binSums: Map<number, number>) {
  let checkedBins = 0;
  let wrongBins = 0;
  for (const row of rows) {
    if (Number(row['readings']) !== TURBINES * 10) continue;
    const bin = Date.parse(`${row['t']?.slice(0, 23).replace(' ', 'T')}Z`);
    const expected = (binSums.get(bin) ?? NaN) / 10;
    checkedBins++;
    if (!(Math.abs(Number(row['fleet_kw']) - expected) <= 1e-9 * expected)) wrongBins++;
  }
  return { checkedBins, wrongBins };
}

function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? null : sorted[Math.floor(sorted.length / 2)]!;
}

/** `windtunnel timestream --port 0`, as users run it, so it has its own event loop and memory. */
function startServerProcess(env: Record<string, string>): Promise<WindtunnelProcess> {
  return startWindtunnelProcess(
    ['timestream', '--port', '0'],
    env,
    /\) on (http:\/\/[^,\s]+)/,
    2_000,
  );
}
