import type { TestProject } from 'vitest/node';
import { findInfluxd, pingOnce, startInfluxd } from '../helpers/influxd.js';

/**
 * Finds an InfluxDB 1.x for the integration and contract suites and provides its URL as
 * `inject('influxUrl')`, in this order:
 *   1. `INFLUX_URL`, if set (it must answer `/ping`);
 *   2. `influxd` on PATH, started in a temp dir (test/helpers/influxd.ts);
 *   3. the `influxdb:1.8` image through testcontainers, when a Docker engine answers;
 *   4. none: the suites are skipped, except under `CI=true`, where that is an error.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const found = await findInflux();
  project.provide('influxUrl', found.url);
  if (found.note) console.log(`[influx] ${found.note}`);
  return found.teardown;
}

interface Found {
  url: string;
  note?: string;
  teardown: () => Promise<void>;
}

const inCi = process.env.CI === 'true';
const nothing = async (): Promise<void> => {};

const HOW_TO_GET_ONE =
  'install influxd 1.x on PATH (Debian/Ubuntu: apt-get install influxdb), ' +
  'set INFLUX_URL to a running InfluxDB 1.x, or provide a Docker engine for testcontainers';

async function findInflux(): Promise<Found> {
  const fromEnv = process.env.INFLUX_URL;
  if (fromEnv) return useUrl(fromEnv.replace(/\/+$/, ''));

  if (findInfluxd()) {
    const influxd = await startInfluxd();
    return { url: influxd.url, teardown: () => influxd.stop() };
  }

  const container = await startContainer();
  if (container) return container;

  if (inCi) {
    throw new Error(`InfluxDB is required in CI for the integration tests: ${HOW_TO_GET_ONE}.`);
  }
  return {
    url: '',
    note: `no InfluxDB found, integration tests will be skipped (to run them: ${HOW_TO_GET_ONE})`,
    teardown: nothing,
  };
}

async function useUrl(url: string): Promise<Found> {
  if (await pingOnce(url, 5000)) return { url, teardown: nothing };
  const problem = `INFLUX_URL=${url} does not answer GET /ping`;
  if (inCi) throw new Error(`${problem}; InfluxDB is required in CI.`);
  return { url: '', note: `${problem}, integration tests will be skipped`, teardown: nothing };
}

/** influxdb:1.8 through testcontainers, or undefined when no Docker engine answers. */
async function startContainer(): Promise<Found | undefined> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  try {
    await withTimeout(getContainerRuntimeClient(), 10_000);
  } catch {
    return undefined;
  }
  const container = await new GenericContainer('influxdb:1.8')
    .withExposedPorts(8086)
    .withEnvironment({ INFLUXDB_REPORTING_DISABLED: 'true', INFLUXDB_HTTP_LOG_ENABLED: 'false' })
    .withWaitStrategy(Wait.forHttp('/ping', 8086).forStatusCode(204))
    .withStartupTimeout(120_000)
    .start();
  return {
    url: `http://${container.getHost()}:${container.getMappedPort(8086)}`,
    teardown: async () => {
      await container.stop();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
