import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSimulation } from '../../emulator/src/turbines/simulate/index.js';
import type { Project, ReadingSource } from '../../emulator/src/turbines/types.js';
import { influxQuery } from '../helpers/influxTest.js';

/**
 * Shared pieces of the fleet's zero-loss end-to-end tests (test/e2e/fleet-*.test.ts): a small
 * deterministic stand-in fleet, and the counting of what InfluxDB stored.
 */

/** `count` projects `NL-0001`... spread over a few places, as the fleet model shapes them. */
export function testFleet(count: number): Project[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `NL-${String(i + 1).padStart(4, '0')}`,
    name: `Windpark ${i + 1}`,
    municipality: ['Delfzijl', 'Emmen', 'Urk', 'Zeewolde'][i % 4]!,
    latitude: 52 + (i % 17) / 10,
    longitude: 4.5 + (i % 23) / 10,
    turbines: 1 + (i % 9),
    nominalPowerKw: 2000 + (i % 5) * 500,
    brand: 'Enercon',
    model: 'E-101',
    hubHeightM: 99,
  }));
}

/** One MULTI record per project and instant, shaped like the fleet model's (types.ts). */
export const testReadings: ReadingSource = {
  async readingsAt(project, timeMs) {
    const wind = 3 + ((timeMs / 1000 + project.latitude * 10) % 12);
    const power =
      Math.min(project.nominalPowerKw, Math.max(0, (wind - 4) * 300)) * project.turbines;
    return [
      {
        Dimensions: [
          { Name: 'turbine_id', Value: project.id },
          { Name: 'project', Value: project.name },
          { Name: 'municipality', Value: project.municipality },
        ],
        MeasureName: 'reading',
        MeasureValueType: 'MULTI',
        MeasureValues: [
          { Name: 'power_kw', Value: power.toFixed(1), Type: 'DOUBLE' },
          { Name: 'wind_speed_10m', Value: wind.toFixed(2), Type: 'DOUBLE' },
        ],
        Time: String(timeMs),
        TimeUnit: 'MILLISECONDS',
      },
    ];
  },
};

/**
 * The fleet tests' simulation: `projects` sending one reading a second with testReadings for
 * `seconds`, spooling to `spoolDir`, with device tokens minted from the stack's dev key.
 */
export function simulateFleet(o: {
  url: string;
  projects: Project[];
  seconds: number;
  spoolDir: string;
  jwt: { keysDir: string; issuer: string; audience: string };
  drainMs: number;
  batch?: number;
}) {
  const { keysDir, issuer, audience } = o.jwt;
  return runSimulation({
    url: o.url,
    projects: o.projects,
    source: testReadings,
    intervalMs: 1000,
    durationMs: o.seconds * 1000,
    ...(o.batch === undefined ? {} : { batch: o.batch }),
    spoolDir: o.spoolDir,
    auth: { mode: 'mint', keysDir, issuer, audience },
    drainMs: o.drainMs,
  });
}

export interface StoredCounts {
  /** Points in the measurement. */
  points: number;
  /** Series (distinct tag sets) per turbine_id: more than 1 would mean a reading stored twice. */
  seriesPerTurbine: Map<string, number>;
  /** Points per turbine_id. */
  pointsPerTurbine: Map<string, number>;
}

/**
 * Counts what InfluxDB holds, per series. Within one series InfluxDB keeps one point per
 * timestamp, so "one series per turbine" plus "points == readings generated" proves there is
 * neither loss nor a duplicate (a duplicate could only hide in a second series of the turbine).
 * `_version` is a field every stored record has (app/src/storage/influx/mapping.ts).
 */
export async function countStored(
  url: string,
  database: string,
  measurement = 'telemetry',
): Promise<StoredCounts> {
  const series = await influxQuery(
    `SELECT count("_version") FROM "${measurement}" GROUP BY *`,
    database,
    url,
  );
  const counts: StoredCounts = {
    points: 0,
    seriesPerTurbine: new Map(),
    pointsPerTurbine: new Map(),
  };
  for (const s of series) {
    const turbine = s.tags?.turbine_id ?? '';
    const n = Number(s.values[0]?.[1] ?? 0);
    counts.points += n;
    counts.seriesPerTurbine.set(turbine, (counts.seriesPerTurbine.get(turbine) ?? 0) + 1);
    counts.pointsPerTurbine.set(turbine, (counts.pointsPerTurbine.get(turbine) ?? 0) + n);
  }
  return counts;
}

/** Turbines stored in more than one series (should be none). */
export function duplicatedTurbines(counts: StoredCounts): string[] {
  return [...counts.seriesPerTurbine].filter(([, n]) => n > 1).map(([turbine]) => turbine);
}

export async function tempDir(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An HTTP proxy in front of the API that counts the 200s it passed back and can be told to hold
 * every new request unanswered (a hung network path), so a test can know exactly what the
 * simulator had acknowledged before something happens to it.
 */
export async function holdingProxy(target: string) {
  let holding = false;
  let acknowledged = 0;
  const server = createServer((req, res) => {
    if (holding) return; // left unanswered; close() cuts it off
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: req.headers },
      (answer) => {
        if (answer.statusCode === 200) acknowledged += 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests answered 200 so far. */
    acknowledged: () => acknowledged,
    hold: () => void (holding = true),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
