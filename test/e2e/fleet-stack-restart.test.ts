import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadStackConfig } from '../../emulator/src/config.js';
import { freePort } from '../helpers/influxd.js';
import { describeWithInflux, influxUrl, useTestDatabase } from '../helpers/influxTest.js';
import {
  countStored,
  duplicatedTurbines,
  sleep,
  tempDir,
  testFleet,
  simulateFleet,
} from './fleet-harness.js';
import { missingBuild, startStackProcess, type Child } from './fleet-processes.js';

const PROJECTS = 50;
const SECONDS = 20;

// `npm start` dies (SIGKILL: no graceful close, requests in flight cut off) 4 s into a run and is
// started again on the same port 5 s later. Meanwhile the fleet keeps measuring into the spool;
// afterwards every reading generated must be in InfluxDB, once.
describeWithInflux('the fleet while the local stack is killed and restarted', () => {
  const db = useTestDatabase('fleetstack');
  const keys = mkdtempSync(join(tmpdir(), 'windtunnel-keys-'));
  let stack: Child | undefined;
  afterAll(() => {
    stack?.process.kill('SIGKILL');
    rmSync(keys, { recursive: true, force: true });
  });

  it('loses no reading and stores none twice', async (ctx) => {
    const missing = missingBuild();
    if (missing) return ctx.skip(missing);
    const port = await freePort();
    const env = { INFLUX_URL: influxUrl, INFLUX_DATABASE: db.name, WINDTUNNEL_KEYS_DIR: keys };
    const { jwt } = loadStackConfig({ WINDTUNNEL_KEYS_DIR: keys });
    const spool = await tempDir('windtunnel-spool-');
    stack = await startStackProcess(port, env);

    const run = simulateFleet({
      url: `http://127.0.0.1:${port}`,
      projects: testFleet(PROJECTS),
      seconds: SECONDS,
      spoolDir: spool.path,
      jwt,
      drainMs: 30_000,
    });
    await sleep(4000);
    stack.process.kill('SIGKILL');
    await stack.exited;
    await sleep(5000);
    stack = await startStackProcess(port, env);
    const report = await run;
    await spool.remove();

    const stored = await countStored(influxUrl, db.name);
    console.log(`[fleet-stack-restart] ${JSON.stringify(report)}; stored ${stored.points}`);
    expect(report.retried).toBeGreaterThan(0);
    expect(report.generated).toBe(PROJECTS * SECONDS);
    expect(report.rejected).toBe(0);
    expect(report.spooled).toBe(0);
    expect(stored.points).toBe(report.generated);
    expect(duplicatedTurbines(stored)).toEqual([]);
  }, 60_000);
});
