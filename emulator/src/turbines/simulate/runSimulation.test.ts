import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Project, ReadingSource } from '../types.js';
import { writeReportJson } from './report.js';
import { runSimulation, type SimulationOptions } from './runSimulation.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function project(id: string): Project {
  return {
    id,
    name: `Windpark ${id}`,
    municipality: 'Delfzijl',
    latitude: 53.3,
    longitude: 6.9,
    turbines: 3,
    nominalPowerKw: 3000,
    brand: 'Enercon',
    model: 'E-101',
    hubHeightM: 99,
  };
}

/** One DOUBLE record per project and instant; project `BROKEN` sends a record the API refuses. */
const source: ReadingSource = {
  async readingsAt(p, timeMs) {
    return [
      {
        Dimensions: [{ Name: 'turbine_id', Value: p.id }],
        MeasureName: 'power_kw',
        MeasureValue: p.id === 'BROKEN' ? 'lots' : String((timeMs / 1000) % 3000),
        Time: String(timeMs),
      },
    ];
  },
};

/** A stand-in API: stores per (turbine, time), answers 503 to every 5th request, 400 to BROKEN. */
async function fakeApi() {
  const stored = new Map<string, string[]>();
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      requests += 1;
      const record = JSON.parse(text) as {
        Dimensions: { Value: string }[];
        Time: string;
        MeasureValue: string;
      };
      const turbine = record.Dimensions[0]!.Value;
      res.setHeader('content-type', 'application/json');
      if (requests % 5 === 0) {
        res.writeHead(503, { 'retry-after': '0' }).end('{"error":{"code":"StoreUnavailable"}}');
      } else if (record.MeasureValue === 'lots') {
        res
          .writeHead(400)
          .end(JSON.stringify({ stored: [], rejected: [{ index: 0, code: 'InvalidRecord' }] }));
      } else {
        stored.set(turbine, [...(stored.get(turbine) ?? []), record.Time]);
        res.writeHead(200).end('{"stored":[0],"rejected":[]}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stored };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'windtunnel-sim-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function options(
  url: string,
  spoolDir: string,
  extra: Partial<SimulationOptions> = {},
): SimulationOptions {
  return {
    url,
    projects: ['A', 'B', 'C'].map(project),
    source,
    intervalMs: 50,
    durationMs: 300,
    spoolDir,
    auth: { mode: 'none' },
    backoff: { baseMs: 5, maxMs: 20 },
    drainMs: 5000,
    ...extra,
  };
}

describe('runSimulation', () => {
  it('delivers every generated reading once, on the interval grid, and counts what it did', async () => {
    const api = await fakeApi();
    const spoolDir = await tempDir();

    const report = await runSimulation(options(api.url, spoolDir));

    expect(report.generated).toBe(18); // 3 projects x 300 ms / 50 ms
    expect(report.acknowledged).toBe(18);
    expect(report.spooled).toBe(0);
    expect(report.rejected).toBe(0);
    expect(report.retried).toBeGreaterThan(0);
    expect(report.sent).toBe(report.acknowledged + report.retried);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p50);
    for (const id of ['A', 'B', 'C']) {
      const times = api.stored.get(id)!.map(Number);
      expect(new Set(times).size).toBe(6);
      expect(times.every((t, i) => t % 50 === 0 && (i === 0 || t === times[i - 1]! + 50))).toBe(
        true,
      );
    }
  });

  it('counts records the API refuses as rejected and does not resend them', async () => {
    const api = await fakeApi();
    const spoolDir = await tempDir();

    const report = await runSimulation(
      options(api.url, spoolDir, { projects: ['A', 'BROKEN'].map(project) }),
    );

    expect(report).toMatchObject({ generated: 12, acknowledged: 6, rejected: 6, spooled: 0 });
  });

  it('resumes after the last spooled instant on a restart and fills in the instants it missed', async () => {
    const api = await fakeApi();
    const spoolDir = await tempDir();
    const first = await runSimulation(options(api.url, spoolDir, { durationMs: 150 }));
    await new Promise((resolve) => setTimeout(resolve, 200));

    const second = await runSimulation(options(api.url, spoolDir, { durationMs: 150 }));

    const times = api.stored.get('A')!.map(Number);
    expect(new Set(times).size).toBe(times.length);
    expect(times.every((t, i) => i === 0 || t === times[i - 1]! + 50)).toBe(true);
    expect(second.lifetimeGenerated).toBe(first.generated + second.generated);
    expect(api.stored.get('A')!.length * 3).toBe(second.lifetimeGenerated);
  });

  it('writes the report as JSON for scripts', async () => {
    const api = await fakeApi();
    const spoolDir = await tempDir();
    const report = await runSimulation(options(api.url, spoolDir, { durationMs: 100 }));
    const file = join(spoolDir, 'out', 'report.json');

    await writeReportJson(file, report);

    const written = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(written)).toEqual(
      expect.arrayContaining([
        'generated',
        'acknowledged',
        'rejected',
        'spooled',
        'sent',
        'retried',
        'durationMs',
        'latencyMs',
        'projects',
      ]),
    );
    expect(written.projects).toBe(3);
  });
});
