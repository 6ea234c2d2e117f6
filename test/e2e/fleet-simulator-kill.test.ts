import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SimulationReport } from '../../emulator/src/turbines/simulate/index.js';
import {
  describeWithInflux,
  influxQuery,
  influxUrl,
  useTestDatabase,
} from '../helpers/influxTest.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import { countStored, duplicatedTurbines, holdingProxy, sleep, tempDir } from './fleet-harness.js';
import { missingBuild, startSimulatorProcess, type Child } from './fleet-processes.js';

const PROJECTS = 20;

// The simulator itself dies (SIGKILL) mid-run and is started again with the same spool: the
// readings it had spooled but not delivered go out first, the instants it missed while it was
// down are filled in, and none is generated or stored twice. Runs the real command (fleet model,
// synthetic weather, per-project device tokens) as its own process. The first run talks through a
// proxy that stops answering 2 s before the kill, so there is a backlog (spooled and in flight)
// when it dies, and the proxy's count of 200s says exactly what was acknowledged before.
describeWithInflux('the fleet when the simulator is killed and restarted', () => {
  const db = useTestDatabase('fleetkill');
  let stack: TestStack;
  let work: Awaited<ReturnType<typeof tempDir>>;
  const children: Child[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ INFLUX_URL: influxUrl, INFLUX_DATABASE: db.name });
    work = await tempDir('windtunnel-simkill-');
  });
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await stack?.close();
    await work?.remove();
  });

  it('delivers everything spooled before the kill, fills the gap, and stores each reading once', async (ctx) => {
    const missing = missingBuild();
    if (missing) return ctx.skip(missing);
    const flags = {
      url: stack.url,
      projects: String(PROJECTS),
      seed: '7',
      interval: '1s',
      spool: join(work.path, 'spool'),
      keys: stack.stack.stack.jwt.keysDir,
      drain: '20s',
    };

    const proxy = await holdingProxy(stack.url);
    const first = startSimulatorProcess({ ...flags, url: proxy.url, duration: '60s' }, {});
    children.push(first);
    await waitForStored(PROJECTS * 3);
    proxy.hold();
    const acknowledgedBeforeKill = proxy.acknowledged();
    await sleep(2000);
    first.process.kill('SIGKILL');
    await first.exited;
    await proxy.close();
    await sleep(3000); // at least two whole instants missed, to be filled in
    const reportFile = join(work.path, 'report.json');
    const second = startSimulatorProcess(
      { ...flags, duration: '5s', 'report-json': reportFile },
      {},
    );
    children.push(second);
    const code = await second.exited;

    expect(code, second.output()).toBe(0);
    const report = JSON.parse(await readFile(reportFile, 'utf8')) as SimulationReport;
    const stored = await countStored(influxUrl, db.name);
    const spans = await timeSpans();
    console.log(`[fleet-simulator-kill] ${JSON.stringify(report)}; stored ${stored.points}`);
    expect(report.spooled).toBe(0);
    expect(report.rejected).toBe(0);
    // The first run generated readings too, and the second filled in the seconds it was down.
    expect(report.lifetimeGenerated).toBeGreaterThan(report.generated);
    expect(report.generated).toBeGreaterThanOrEqual(PROJECTS * (5 + 2));
    // The backlog of the first run was delivered by the second, and nothing the first run had
    // acknowledged was sent again.
    expect(report.acknowledged).toBe(report.lifetimeGenerated - acknowledgedBeforeKill);
    expect(report.acknowledged).toBeGreaterThan(report.generated);
    expect(stored.points).toBe(report.lifetimeGenerated);
    expect(duplicatedTurbines(stored)).toEqual([]);
    expect(stored.seriesPerTurbine.size).toBe(PROJECTS);
    // No gap: each turbine has one point per second from its first instant to its last.
    for (const [turbine, { first, last }] of spans) {
      expect(stored.pointsPerTurbine.get(turbine)).toBe((last - first) / 1000 + 1);
    }
  }, 60_000);

  async function waitForStored(points: number): Promise<void> {
    const until = Date.now() + 30_000;
    for (;;) {
      const stored = await countStored(influxUrl, db.name);
      if (stored.points >= points) return;
      if (Date.now() > until) throw new Error(`fewer than ${points} points stored after 30 s`);
      await sleep(250);
    }
  }

  /** First and last point time per turbine (selectors alone return the point's own time). */
  async function timeSpans(): Promise<Map<string, { first: number; last: number }>> {
    const spans = new Map<string, { first: number; last: number }>();
    for (const fn of ['first', 'last'] as const) {
      const series = await influxQuery(
        `SELECT ${fn}("_version") FROM "telemetry" GROUP BY "turbine_id"`,
        db.name,
      );
      for (const s of series) {
        const turbine = s.tags?.turbine_id ?? '';
        const time = Date.parse(String(s.values[0]?.[0]));
        spans.set(turbine, { ...(spans.get(turbine) ?? { first: time, last: time }), [fn]: time });
      }
    }
    return spans;
  }
});
