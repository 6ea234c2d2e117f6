import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithInflux } from '../helpers/influxTest.js';
import { findInfluxd, startInfluxd, type InfluxdProcess } from '../helpers/influxd.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';
import {
  countStored,
  duplicatedTurbines,
  sleep,
  tempDir,
  testFleet,
  simulateFleet,
} from './fleet-harness.js';

export interface InfluxOutage {
  /** What happens to InfluxDB 4 s into the run... */
  begin(influxd: InfluxdProcess): Promise<void> | void;
  /** ...and 10 s later. */
  end(influxd: InfluxdProcess): Promise<void> | void;
}

const PROJECTS = 50;
const SECONDS = 20;

/**
 * A run of 50 projects for 20 s through the stack into a PRIVATE influxd (the shared one must not
 * be harmed), with InfluxDB in trouble from 4 s to 14 s. The app answers 503 + Retry-After while
 * it is (INFLUX_TIMEOUT_MS is short, so a hung InfluxDB fails fast); the fleet keeps measuring
 * into the spool and delivers the backlog once InfluxDB is back. Then every reading generated
 * must be stored, once.
 */
export function describeInfluxOutage(title: string, outage: InfluxOutage): void {
  describeWithInflux(title, () => {
    let influxd: InfluxdProcess | undefined;
    let stack: TestStack;
    let spool: Awaited<ReturnType<typeof tempDir>>;

    beforeAll(async () => {
      if (!findInfluxd()) return;
      influxd = await startInfluxd();
      stack = await startTestStack({
        INFLUX_URL: influxd.url,
        INFLUX_DATABASE: 'fleet',
        INFLUX_TIMEOUT_MS: '500',
      });
      spool = await tempDir('windtunnel-spool-');
    });
    afterAll(async () => {
      await stack?.close();
      await influxd?.stop();
      await spool?.remove();
    });

    it('loses no reading and stores none twice', async (ctx) => {
      if (!influxd)
        return ctx.skip('needs influxd on PATH to run (and harm) an InfluxDB of its own');
      const { jwt } = stack.stack.stack;
      const run = simulateFleet({
        url: stack.url,
        projects: testFleet(PROJECTS),
        seconds: SECONDS,
        spoolDir: spool.path,
        jwt,
        drainMs: 30_000,
      });

      await sleep(4000);
      await outage.begin(influxd);
      await sleep(10_000);
      await outage.end(influxd);
      const report = await run;

      const stored = await countStored(influxd.url, 'fleet');
      console.log(`[${title}] ${JSON.stringify(report)}; stored ${stored.points}`);
      expect(report.retryReasons['HTTP 503']).toBeGreaterThan(0);
      expect(report.generated).toBe(PROJECTS * SECONDS);
      expect(report.rejected).toBe(0);
      expect(report.spooled).toBe(0);
      expect(stored.points).toBe(report.generated);
      expect(duplicatedTurbines(stored)).toEqual([]);
    }, 60_000);
  });
}
