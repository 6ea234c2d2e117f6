import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithInflux, influxUrl, useTestDatabase } from '../helpers/influxTest.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import {
  countStored,
  duplicatedTurbines,
  tempDir,
  testFleet,
  simulateFleet,
} from './fleet-harness.js';

// The original experiment: 770 projects, each its own sender, one record per request, all at
// once, through the gateway, the Lambda pool and the app into InfluxDB. Every project signs with
// its own device token (sub = its id), so the app's per-device write rule is exercised too.
describeWithInflux('the fleet: 770 projects sending at once, one record per request', () => {
  const db = useTestDatabase('fleet770');
  let stack: TestStack;
  let spool: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    stack = await startTestStack({ INFLUX_URL: influxUrl, INFLUX_DATABASE: db.name });
    spool = await tempDir('windtunnel-spool-');
  });
  afterAll(async () => {
    await stack?.close();
    await spool?.remove();
  });

  it('stores every reading generated, once, and leaves nothing spooled', async () => {
    const projects = testFleet(770);
    const { jwt } = stack.stack.stack;

    const report = await simulateFleet({
      url: stack.url,
      projects,
      seconds: 5,
      batch: 1,
      spoolDir: spool.path,
      jwt,
      drainMs: 40_000,
    });

    const stored = await countStored(influxUrl, db.name);
    console.log(
      `[fleet-770] generated ${report.generated}, stored ${stored.points}, sent ${report.sent}, ` +
        `retried ${report.retried} ${JSON.stringify(report.retryReasons)}, ${report.ratePerSecond} records/s, ` +
        `p50 ${report.latencyMs.p50} ms, p99 ${report.latencyMs.p99} ms, ${report.durationMs} ms`,
    );
    expect(report.generated).toBe(770 * 5);
    expect(report.rejected).toBe(0);
    expect(report.spooled).toBe(0);
    expect(report.acknowledged).toBe(report.generated);
    expect(stored.points).toBe(report.generated);
    expect(stored.seriesPerTurbine.size).toBe(770);
    expect(duplicatedTurbines(stored)).toEqual([]);
    expect([...stored.pointsPerTurbine.values()].every((n) => n === 5)).toBe(true);
  }, 60_000);
});
