import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  TimestreamWriteClient,
} from '@aws-sdk/client-timestream-write';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStackConfig } from '../../emulator/src/config.js';
import { generateFleet } from '../../emulator/src/turbines/fleet/index.js';
import { createReadingSource } from '../../emulator/src/turbines/readings.js';
import { runSimulation } from '../../emulator/src/turbines/simulate/index.js';
import { syntheticWeather } from '../../emulator/src/turbines/weather/index.js';
import {
  artifactPath,
  drawnFleet,
  launchChromium,
  missingChromium,
  type DrawnFleet,
} from '../helpers/browser.js';
import { freePort } from '../helpers/influxd.js';
import { influxQuery, influxUrl, uniqueDatabaseName } from '../helpers/influxTest.js';
import { missingBuild, startStackProcess, type Child } from './fleet-processes.js';

/**
 * The office side end to end, on every backend: the fleet simulator sends to `windtunnel up`
 * (what `npm start` runs); then the report (the built `windtunnel report`, opened in Chromium),
 * the live dashboard (in Chromium) and a sum computed here from the raw records
 * (GET /measurements: no aggregation anywhere) must show the same fleet totals.
 */
const PROJECTS = 20;
const SECONDS = 6;
const BIN_S = 5;
const bin = `${BIN_S}s`;
const bin_ns = BigInt(BIN_S) * 1_000_000_000n;
const execFileP = promisify(execFile);
const bin_js = fileURLToPath(new URL('../../bin/windtunnel.js', import.meta.url));

interface Backend {
  name: string;
  env(): Promise<Record<string, string>>;
  /** Runs once the stack is up (the Timestream table must exist before the first write). */
  ready?(env: Record<string, string>): Promise<void>;
}

const credentials = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
const dropDatabases: string[] = [];
const backends: Backend[] = [
  { name: 'memory', env: async () => ({ STORAGE_BACKEND: 'memory' }) },
  {
    name: 'influx',
    env: async () => {
      const database = uniqueDatabaseName('office');
      dropDatabases.push(database);
      return { STORAGE_BACKEND: 'influx', INFLUX_URL: influxUrl, INFLUX_DATABASE: database };
    },
  },
  {
    name: 'timestream',
    env: async () => {
      const port = String(await freePort());
      return {
        ...credentials,
        STORAGE_BACKEND: 'timestream',
        TIMESTREAM_EMULATOR_PORT: port,
        TIMESTREAM_ENDPOINT: `http://127.0.0.1:${port}`,
        AWS_REGION: 'eu-west-1',
      };
    },
    async ready(env) {
      const client = new TimestreamWriteClient({
        endpoint: env.TIMESTREAM_ENDPOINT as string,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      });
      await client.send(new CreateDatabaseCommand({ DatabaseName: 'windtunnel' }));
      await client.send(
        new CreateTableCommand({ DatabaseName: 'windtunnel', TableName: 'telemetry' }),
      );
      client.destroy();
    },
  },
];

const skip = missingBuild() ?? missingChromium();
const keys = mkdtempSync(join(tmpdir(), 'windtunnel-keys-'));
const work = mkdtempSync(join(tmpdir(), 'windtunnel-office-'));
let browser: Browser | undefined;
beforeAll(async () => {
  if (!skip) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const database of dropDatabases) await influxQuery(`DROP DATABASE "${database}"`);
  rmSync(keys, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skip !== undefined)(
  'report = dashboard = the raw readings, on every backend',
  () => {
    it.each(backends.filter((b) => b.name !== 'influx' || influxUrl !== ''))(
      '$name',
      { timeout: 90_000 },
      async (backend) => {
        const env = { ...(await backend.env()), WINDTUNNEL_KEYS_DIR: keys };
        const port = await freePort();
        const url = `http://127.0.0.1:${port}`;
        let stack: Child | undefined;
        try {
          stack = await startStackProcess(port, env);
          await backend.ready?.(env);
          const startMs = Date.now();
          const page = await (browser as Browser).newPage();
          await page.setViewport({ width: 1280, height: 1100 });
          await page.goto(`${url}/dashboard?since=5m&bin=${bin}&refresh=1`);
          const before = await drawnFleet(page);
          expect(before.data.power.total).toEqual([]);

          const fleet = generateFleet({ seed: 7, projects: PROJECTS });
          const spool = join(work, `spool-${backend.name}`);
          const { jwt } = loadStackConfig({ WINDTUNNEL_KEYS_DIR: keys });
          const run = await runSimulation({
            url,
            projects: fleet.projects,
            source: createReadingSource({
              weather: syntheticWeather(7),
              curve: 'cubic',
              hubHeight: 'power-law',
            }),
            intervalMs: 1000,
            durationMs: SECONDS * 1000,
            spoolDir: spool,
            auth: { mode: 'mint', ...jwt },
            drainMs: 20_000,
          });
          expect(run.acknowledged).toBe(run.generated);
          expect(run.generated).toBeGreaterThanOrEqual(PROJECTS * (SECONDS - 1));

          // The live page has redrawn by itself, with no reload.
          await page.waitForFunction(
            (n: number) => {
              const fleet = (window as unknown as { windtunnelFleet: DrawnFleet }).windtunnelFleet;
              return fleet.data.power.total.reduce((a, p) => Math.max(a, p.devices), 0) === n;
            },
            { timeout: 10_000 },
            PROJECTS,
          );

          // One pinned range for all three.
          const from = new Date(Math.floor(startMs / 60_000) * 60_000 - 60_000).toISOString();
          const to = new Date(Date.now() + 1000).toISOString();
          const range = `from=${from}&to=${to}`;

          // A redraw follows the range: the time axis moves with new data (here, two hours on).
          const moved = await page.evaluate(() => {
            type Axis = { min: number; max: number };
            const w = window as unknown as {
              Chart: { getChart(c: HTMLCanvasElement): { scales: { x: Axis } } };
              windtunnelFleet: {
                data: { power: { from: string; to: string; total: { time: string }[] } };
                render(data: unknown): void;
              };
            };
            const axis = () => {
              const x = w.Chart.getChart(document.getElementById('total') as HTMLCanvasElement)
                .scales.x;
              return { min: x.min, max: x.max };
            };
            const before = axis();
            const later = (t: string) => new Date(Date.parse(t) + 7_200_000).toISOString();
            const data = structuredClone(w.windtunnelFleet.data);
            data.power.from = later(data.power.from);
            data.power.to = later(data.power.to);
            for (const p of data.power.total) p.time = later(p.time);
            w.windtunnelFleet.render(data);
            const after = axis();
            return { min: after.min - before.min, max: after.max - before.max };
          });
          expect(moved).toEqual({ min: 7_200_000, max: 7_200_000 });

          await page.goto(`${url}/dashboard?${range}&bin=${bin}`);
          const dashboard = await drawnFleet(page);

          const out = join(work, `report-${backend.name}.html`);
          const csvDir = join(work, `csv-${backend.name}`);
          await execFileP(process.execPath, [
            bin_js,
            'report',
            '--url',
            url,
            '--from',
            from,
            '--to',
            to,
            '--bin',
            bin,
            '--out',
            out,
            '--csv',
            csvDir,
          ]);
          const reportPage = await (browser as Browser).newPage();
          await reportPage.setViewport({ width: 1280, height: 1100 });
          const network: string[] = [];
          reportPage.on('request', (r) => {
            if (!/^(file|data):/.test(r.url())) network.push(r.url());
          });
          await reportPage.goto(pathToFileURL(out).href);
          const report = await drawnFleet(reportPage);
          expect(network).toEqual([]);

          const raw = await totalsFromRawRecords(url, range);
          const totals = dashboard.data.power.total;
          expect(totals.length).toBeGreaterThanOrEqual(2);
          expect(Math.max(...totals.map((p) => p.devices))).toBe(PROJECTS);
          expect(totals.map((p) => p.time)).toEqual(raw.map((p) => p.time));
          for (const [i, p] of totals.entries()) {
            expect(p.devices, p.time).toBe(raw[i]?.devices);
            expect(Math.abs(p.total - (raw[i]?.total ?? Number.NaN)), p.time).toBeLessThanOrEqual(
              0.0011,
            );
          }
          expect(dashboard.totals).toEqual(totals.map((p) => p.total));
          expect(report.totals).toEqual(dashboard.totals);
          expect(report.data.power.total).toEqual(totals);
          const csv = readFileSync(join(csvDir, 'fleet-total.csv'), 'utf8').trim().split('\r\n');
          expect(csv.slice(1)).toEqual(totals.map((p) => `${p.time},${p.total},${p.devices}`));

          for (const drawn of [dashboard, report]) {
            expect(drawn.rows).toBe(PROJECTS);
            expect(drawn.bars).toBe(PROJECTS);
            expect(drawn.curvePoints).toBe(PROJECTS);
            for (const [chart, inked] of Object.entries(drawn.inked)) {
              expect(inked, chart).toBeGreaterThan(2000);
            }
          }
          if (backend.name === 'memory') {
            await page.screenshot({ path: await artifactPath('dashboard.png'), fullPage: true });
            await reportPage.screenshot({ path: await artifactPath('report.png'), fullPage: true });
          }
          await page.close();
          await reportPage.close();
        } finally {
          stack?.process.kill('SIGTERM');
          await stack?.exited;
        }
      },
    );
  },
);

/**
 * The fleet total per bin from the raw records, paged out of GET /measurements: per bin, the sum
 * over turbines of each turbine's mean power_kw.
 */
async function totalsFromRawRecords(url: string, range: string) {
  const bins = new Map<bigint, Map<string, { sum: number; n: number }>>();
  let cursor: string | undefined;
  do {
    const page = (await (
      await fetch(
        `${url}/measurements?${range}&measure_name=reading&limit=10000${cursor ? `&cursor=${cursor}` : ''}`,
      )
    ).json()) as {
      records: {
        time: string;
        dimensions: Record<string, string>;
        measures: Record<string, string>;
      }[];
      next?: string;
    };
    for (const r of page.records) {
      const ns = BigInt(Date.parse(r.time)) * 1_000_000n;
      const start = ns - (ns % bin_ns);
      const devices = bins.get(start) ?? new Map<string, { sum: number; n: number }>();
      bins.set(start, devices);
      const d = devices.get(r.dimensions.turbine_id as string) ?? { sum: 0, n: 0 };
      devices.set(r.dimensions.turbine_id as string, d);
      d.sum += Number(r.measures.power_kw);
      d.n++;
    }
    cursor = page.next && encodeURIComponent(page.next);
  } while (cursor);
  return [...bins.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([start, devices]) => ({
      time: new Date(Number(start / 1_000_000n)).toISOString(),
      total: [...devices.values()].reduce((s, d) => s + d.sum / d.n, 0),
      devices: devices.size,
    }));
}
