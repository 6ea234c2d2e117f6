import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cpuBudget, LOAD_GENERATOR, startCpuMeter } from './cpu.js';

describe('startCpuMeter', () => {
  it.runIf(process.platform === 'linux')(
    'charges a busy process its CPU per point, and an idle one next to nothing',
    async () => {
      const busy = spawn(process.execPath, [
        '-e',
        'const t = Date.now(); while (Date.now() - t < 1500);',
      ]);
      const idle = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1500)']);
      try {
        await new Promise((r) => setTimeout(r, 200));
        const stop = await startCpuMeter({ busy: busy.pid, idle: idle.pid, gone: undefined }, [
          'busy',
          'idle',
        ]);
        await new Promise((r) => setTimeout(r, 800));
        const report = await stop(1000);
        const cpu = report.perPoint;
        // 0.8 s of a busy core over 1,000 points is about 800 us a point.
        expect(cpu.busy).toBeGreaterThan(100); // less when other tests share the cores
        expect(cpu.busy).toBeLessThan(1200);
        expect(cpu.idle).toBeLessThan(50);
        expect(cpu[LOAD_GENERATOR]).toBeGreaterThanOrEqual(0);
        expect(Object.keys(cpu).sort()).toEqual(['busy', 'idle', LOAD_GENERATOR].sort());
        // Each is one thread: the busy one's main thread was on a CPU most of the time.
        expect(report.mainThreadBusy.busy).toBeGreaterThan(0.1);
        expect(report.mainThreadBusy.busy).toBeLessThanOrEqual(1.2);
        expect(report.mainThreadBusy.idle).toBeLessThan(0.05);
      } finally {
        busy.kill();
        idle.kill();
      }
    },
  );
});

describe('cpuBudget', () => {
  it('is what the cores allow at the target rate, less what the other processes spent', () => {
    // 2 cores, raw 100,000 pts/s, target 50%: 50,000 pts/s leaves 40 us a point in all.
    const cpu = { [LOAD_GENERATOR]: 5, stack: 30, influxd: 15 };
    expect(cpuBudget(100_000, 0.5, cpu, 'stack', 2)).toEqual({
      cores: 2,
      allUsPerPoint: 40,
      othersUsPerPoint: 20,
      leftUsPerPoint: 20,
      tookUsPerPoint: 30,
    });
    // Out of reach even for a stack that cost nothing.
    expect(cpuBudget(100_000, 0.5, { ...cpu, influxd: 50 }, 'stack', 2)?.leftUsPerPoint).toBe(-15);
  });

  it('says nothing without a measurement of the role', () => {
    expect(cpuBudget(100_000, 0.5, undefined, 'stack', 2)).toBeUndefined();
    expect(cpuBudget(100_000, 0.5, { influxd: 1 }, 'stack', 2)).toBeUndefined();
    expect(cpuBudget(0, 0.5, { stack: 1 }, 'stack', 2)).toBeUndefined();
  });
});
