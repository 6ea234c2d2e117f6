import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QueryCommand, TimestreamQueryClient } from '@aws-sdk/client-timestream-query';
import {
  CreateDatabaseCommand,
  CreateTableCommand,
  TimestreamWriteClient,
} from '@aws-sdk/client-timestream-write';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../app/src/analysis/format.js';
import { freePort } from '../helpers/influxd.js';

/**
 * `docker-compose up` for real: docker-compose.yml with compose/docker-compose.ci.yml on the
 * private engine and local images of compose/local-docker.sh (host networking, no registry).
 * Runs where that engine answers (DOCKER_HOST) and its images exist; under CI=true their absence
 * is a failure, not a skip. Every service must become healthy, the simulator's readings must
 * reach InfluxDB inside its container and come back through the app's read API and windtunnel's
 * Timestream API, the data must survive `down` + `up` (named volume), and `down -v` must remove
 * it.
 */
const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const PROJECT = `wtsmoke${process.pid}`;
const LOCAL_INFLUX_IMAGE = 'windtunnel-local/influxdb:1.6';

async function engineReady(): Promise<string | undefined> {
  if (!process.env.DOCKER_HOST) return 'DOCKER_HOST is not set';
  try {
    await run('docker-compose', ['version'], { timeout: 20_000 });
    await run('docker', ['image', 'inspect', LOCAL_INFLUX_IMAGE], { timeout: 20_000 });
    return undefined;
  } catch (error) {
    return `docker, docker-compose or the image ${LOCAL_INFLUX_IMAGE} is missing: ${String(error)}`;
  }
}

const missing = await engineReady();
if (missing && process.env.CI === 'true') {
  throw new Error(
    `the compose smoke test needs the local Docker engine in CI (compose/local-docker.sh up && ` +
      `compose/local-docker.sh images, then eval "$(compose/local-docker.sh env)"): ${missing}`,
  );
}

describe.skipIf(missing !== undefined)('docker-compose up on the local engine', () => {
  const ports = { influx: 0, rpc: 0, app: 0, timestream: 0 };
  let env: NodeJS.ProcessEnv;
  const compose = async (...args: string[]) => {
    const files = ['-f', 'docker-compose.yml', '-f', 'compose/docker-compose.ci.yml'];
    const { stdout } = await run('docker-compose', ['-p', PROJECT, ...files, ...args], {
      cwd: ROOT,
      env,
      timeout: 600_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  };
  /** InfluxQL through curl inside the InfluxDB container. */
  const influxCount = async (): Promise<number | undefined> => {
    const out = await compose(
      'exec',
      '-T',
      'influxdb',
      'curl',
      '-sG',
      `http://127.0.0.1:${ports.influx}/query`,
      '--data-urlencode',
      'db=windtunnel',
      '--data-urlencode',
      'q=SELECT count("_version") FROM "telemetry"',
    );
    const value = JSON.parse(out).results?.[0]?.series?.[0]?.values?.[0]?.[1];
    return typeof value === 'number' ? value : undefined;
  };
  const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 120_000) => {
    const deadline = Date.now() + ms;
    let last: unknown;
    while (Date.now() < deadline) {
      try {
        const value = await probe();
        if (value !== undefined) return value;
      } catch (error) {
        last = error;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
  };
  const healthy = (services: string[]) =>
    until(`${services.join(', ')} to be healthy`, async () => {
      for (const service of services) {
        const id = (await compose('ps', '-q', service)).trim();
        if (!id) return undefined;
        const { stdout } = await run('docker', ['inspect', '-f', '{{.State.Health.Status}}', id], {
          env,
        });
        if (stdout.trim() !== 'healthy') return undefined;
      }
      return true;
    });

  beforeAll(async () => {
    ports.influx = await freePort();
    ports.rpc = await freePort();
    ports.app = await freePort();
    ports.timestream = await freePort();
    env = {
      ...process.env,
      INFLUXDB_PORT: String(ports.influx),
      INFLUXDB_RPC_PORT: String(ports.rpc),
      WINDTUNNEL_PORT: String(ports.app),
      TIMESTREAM_PORT: String(ports.timestream),
      SIM_PROJECTS: '20',
      SIM_INTERVAL: '1s',
    };
  });
  afterAll(async () => {
    if (env) await compose('down', '-v', '--remove-orphans').catch(() => undefined);
  }, 120_000);

  it('starts every service healthy; the readings reach InfluxDB and come back through the app, its dashboard and the Timestream API', async () => {
    await compose('up', '-d', '--build');
    await healthy(['influxdb', 'windtunnel', 'timestream']);
    const state = await compose('ps');
    expect(state).toMatch(/simulator.*Up/);

    const stored = await until('readings in InfluxDB', async () => {
      const n = await influxCount();
      return n !== undefined && n >= 40 ? n : undefined;
    });
    expect(stored).toBeGreaterThanOrEqual(40);
    const app = `http://127.0.0.1:${ports.app}`;
    const health = await fetch(`${app}/health`).then((r) => r.json());
    expect(health).toEqual({ status: 'ok', storage: { backend: 'influx', status: 'ok' } });

    // Back through the app's read API: the records, and the fleet total per minute.
    const read = (await fetch(`${app}/measurements?since=1h&limit=10000`).then((r) =>
      r.json(),
    )) as { records: RecordView[] };
    expect(read.records.length).toBeGreaterThanOrEqual(stored);
    expect(new Set(read.records.map((r) => r.dimensions.turbine_id)).size).toBe(20);
    const power = (await fetch(`${app}/power?since=1h&bin=1m`).then((r) => r.json())) as {
      total: { devices: number }[];
    };
    expect(power.total.length).toBeGreaterThan(0);
    expect(power.total.every((p) => p.devices > 0)).toBe(true);
    const projects = (await fetch(`${app}/power/projects?since=1h`).then((r) => r.json())) as {
      projects: { latest: { power_kw: number } | null }[];
    };
    expect(projects.projects).toHaveLength(20);
    expect(projects.projects.every((p) => typeof p.latest?.power_kw === 'number')).toBe(true);
    // The container serves the live dashboard (DASHBOARD_ENABLED defaults to true under `up`).
    const dashboard = await fetch(`${app}/dashboard`);
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<canvas id="total">');

    // The app's table through windtunnel's own Timestream API, as an analyst would read it.
    const config = {
      endpoint: `http://127.0.0.1:${ports.timestream}`,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'smoke', secretAccessKey: 'smoke' },
    };
    const write = new TimestreamWriteClient(config);
    await write.send(new CreateDatabaseCommand({ DatabaseName: 'windtunnel' }));
    await write.send(
      new CreateTableCommand({ DatabaseName: 'windtunnel', TableName: 'telemetry' }),
    );
    const page = await new TimestreamQueryClient(config).send(
      new QueryCommand({
        QueryString:
          'SELECT count(*) AS n, count(DISTINCT turbine_id) AS turbines ' +
          'FROM "windtunnel"."telemetry" WHERE time > ago(1h)',
      }),
    );
    const [n, turbines] = (page.Rows?.[0]?.Data ?? []).map((d) => Number(d.ScalarValue));
    expect(n).toBeGreaterThanOrEqual(stored);
    expect(turbines).toBeGreaterThanOrEqual(20);
  }, 900_000);

  it('keeps the data over down and up (named volume), and down -v removes it', async () => {
    await compose('stop', 'simulator');
    // Readings in flight when the simulator stopped have landed once two counts agree.
    let previous = -1;
    const before = await until('the count to settle', async () => {
      const n = await influxCount();
      const settled = n !== undefined && n === previous ? n : undefined;
      previous = n ?? -1;
      return settled;
    });
    expect(before).toBeGreaterThan(0);

    await compose('down');
    await compose('up', '-d', 'influxdb');
    await healthy(['influxdb']);
    expect(await influxCount()).toBe(before);

    await compose('down', '-v');
    const { stdout } = await run('docker', ['volume', 'ls', '-q'], { env });
    expect(stdout.split('\n').filter((v) => v.startsWith(`${PROJECT}_`))).toEqual([]);
    await compose('up', '-d', 'influxdb');
    await healthy(['influxdb']);
    expect(await influxCount()).toBeUndefined();
  }, 300_000);
});
