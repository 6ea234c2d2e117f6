import type { TestProject } from 'vitest/node';
import { findInfluxd, freePort, pingOnce, startInfluxd } from '../helpers/influxd.js';

/**
 * Finds an InfluxDB 1.x for the integration and contract suites and provides its URL as
 * `inject('influxUrl')`, in this order:
 *   1. `INFLUX_URL`, if set (it must answer `/ping`);
 *   2. `influxd` on PATH, started in a temp dir (test/helpers/influxd.ts);
 *   3. the `influxdb:1.8` image (or `INFLUX_TEST_IMAGE`) through testcontainers, when a Docker
 *      engine answers;
 *   4. none: the suites are skipped, except under `CI=true`, where that is an error.
 * `INFLUX_TEST_SOURCE=testcontainers` skips 1 and 2, and fails when no engine answers: how CI
 * runs the suites a second time on a container.
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
  const source = process.env.INFLUX_TEST_SOURCE;
  if (source !== undefined && source !== 'testcontainers') {
    throw new Error(`INFLUX_TEST_SOURCE must be 'testcontainers' or unset; got '${source}'`);
  }
  if (source === 'testcontainers') {
    const container = await startContainer();
    if (!container) {
      throw new Error(
        'INFLUX_TEST_SOURCE=testcontainers, but no Docker engine answers (DOCKER_HOST)',
      );
    }
    return container;
  }
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

/**
 * InfluxDB through testcontainers, or undefined when no Docker engine answers. An engine without
 * a bridge network (compose/local-docker.sh runs one) gets the container on host networking,
 * listening on a free port of 127.0.0.1.
 */
async function startContainer(): Promise<Found | undefined> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  let client: Awaited<ReturnType<typeof getContainerRuntimeClient>>;
  try {
    client = await withTimeout(getContainerRuntimeClient(), 10_000);
  } catch {
    return undefined;
  }
  const image = process.env.INFLUX_TEST_IMAGE ?? 'influxdb:1.8';
  const environment = { INFLUXDB_REPORTING_DISABLED: 'true', INFLUXDB_HTTP_LOG_ENABLED: 'false' };
  const bridged = await client.network
    .getById('bridge')
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (bridged) {
    const container = await new GenericContainer(image)
      .withExposedPorts(8086)
      .withEnvironment(environment)
      .withWaitStrategy(Wait.forHttp('/ping', 8086).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    const url = `http://${container.getHost()}:${container.getMappedPort(8086)}`;
    return {
      url,
      note: `InfluxDB in a container (${image}) at ${url}`,
      teardown: () => stop(container),
    };
  }
  const [http, rpc] = [await freePort(), await freePort()];
  const container = await new GenericContainer(image)
    .withNetworkMode('host')
    .withEnvironment({
      ...environment,
      INFLUXDB_HTTP_BIND_ADDRESS: `127.0.0.1:${http}`,
      INFLUXDB_BIND_ADDRESS: `127.0.0.1:${rpc}`,
    })
    .withWaitStrategy(Wait.forLogMessage(/Listening on HTTP/))
    .withStartupTimeout(120_000)
    .start();
  const url = `http://127.0.0.1:${http}`;
  if (!(await pingOnce(url, 10_000))) {
    await stop(container);
    throw new Error(`the InfluxDB container (${image}) does not answer ${url}/ping`);
  }
  return {
    url,
    note: `InfluxDB in a container (${image}, host network) at ${url}`,
    teardown: () => stop(container),
  };
}

async function stop(container: { stop(): Promise<unknown> }): Promise<void> {
  await container.stop();
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
