import { setTimeout as sleep } from 'node:timers/promises';
import type { Handler } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { EnvironmentFactory } from './environment.js';
import { TooManyRequestsError } from './errors.js';
import { LambdaFunctionPool } from './pool.js';

interface Probe {
  delayMs?: number;
  fail?: string;
}

/**
 * Each environment gets its own id and invocation counter (its "module-level state") and a busy
 * flag that records any overlapping invocation.
 */
function probeFunction() {
  let environments = 0;
  const overlaps: number[] = [];
  const shutdowns: number[] = [];
  const factory: EnvironmentFactory = async () => {
    const env = ++environments;
    let calls = 0;
    let busy = false;
    const handler: Handler<Probe> = async (event) => {
      if (busy) overlaps.push(env);
      busy = true;
      calls += 1;
      try {
        if (event.delayMs) await sleep(event.delayMs);
        if (event.fail) throw new Error(event.fail);
        return { env, calls };
      } finally {
        busy = false;
      }
    };
    return { handler, shutdown: async () => void shutdowns.push(env) };
  };
  return { factory, overlaps, shutdowns };
}

describe('LambdaFunctionPool', () => {
  it('reuses one warm environment for sequential calls, keeping its module-level state', async () => {
    const { factory } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe' }, factory);

    const results = [await pool.invoke({}), await pool.invoke({}), await pool.invoke({})];

    expect(results).toEqual([
      { env: 1, calls: 1 },
      { env: 1, calls: 2 },
      { env: 1, calls: 3 },
    ]);
    expect(pool.stats()).toEqual({
      environments: 1,
      busy: 0,
      coldStarts: 1,
      invocations: 3,
      throttled: 0,
    });
  });

  it('starts one environment per simultaneous invocation and never overlaps two in one', async () => {
    const { factory, overlaps } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe' }, factory);

    const first = await Promise.all(Array.from({ length: 5 }, () => pool.invoke({ delayMs: 30 })));
    const second = await Promise.all(Array.from({ length: 5 }, () => pool.invoke({ delayMs: 30 })));

    const envs = (results: unknown[]) => results.map((r) => (r as { env: number }).env).sort();
    expect(envs(first)).toEqual([1, 2, 3, 4, 5]);
    expect(envs(second)).toEqual([1, 2, 3, 4, 5]);
    expect(pool.stats()).toMatchObject({ environments: 5, coldStarts: 5, invocations: 10 });
    expect(overlaps).toEqual([]);
  });

  it('never overlaps invocations in one environment under staggered load', async () => {
    const { factory, overlaps } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe' }, factory);

    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await sleep((i * 7) % 23);
        return pool.invoke({ delayMs: (i * 5) % 17 });
      }),
    );

    expect(overlaps).toEqual([]);
    expect(pool.stats().coldStarts).toBeLessThan(40);
  });

  it('throttles at once when the reserved concurrency is busy, without a cold start', async () => {
    const { factory } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe', reservedConcurrency: 2 }, factory);

    const running = [pool.invoke({ delayMs: 100 }), pool.invoke({ delayMs: 100 })];
    const third = pool.invoke({});

    await expect(third).rejects.toBeInstanceOf(TooManyRequestsError);
    await expect(third).rejects.toMatchObject({
      code: 'TooManyRequestsException',
      statusCode: 429,
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
    await Promise.all(running);
    expect(pool.stats()).toMatchObject({ coldStarts: 2, throttled: 1, invocations: 2 });
    await expect(pool.invoke({})).resolves.toMatchObject({ calls: 2 }); // a warm one again
  });

  it('throttles every invocation when the reserved concurrency is 0, as Lambda does', async () => {
    const pool = new LambdaFunctionPool({ reservedConcurrency: 0 }, probeFunction().factory);

    await expect(pool.invoke({})).rejects.toBeInstanceOf(TooManyRequestsError);
    expect(pool.stats()).toMatchObject({ coldStarts: 0, throttled: 1 });
  });

  it('rethrows a handler error and keeps the environment', async () => {
    const { factory, shutdowns } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe' }, factory);

    await expect(pool.invoke({ fail: 'bad record' })).rejects.toThrow('bad record');
    const next = await pool.invoke({});

    expect(next).toEqual({ env: 1, calls: 2 });
    expect(pool.stats()).toMatchObject({ environments: 1, coldStarts: 1 });
    expect(shutdowns).toEqual([]);
  });

  it('fails the invocation when the factory fails, keeps no environment, and retries next time', async () => {
    const lines: string[] = [];
    let attempts = 0;
    const factory: EnvironmentFactory = async () => {
      if (++attempts === 1) throw new Error('cannot connect');
      return { handler: async () => 'up' };
    };
    const pool = new LambdaFunctionPool({}, factory, { log: (line) => lines.push(line) });

    await expect(pool.invoke({})).rejects.toThrow('cannot connect');
    expect(pool.stats()).toMatchObject({ environments: 0, busy: 0 });
    await expect(pool.invoke({})).resolves.toBe('up');
    expect(lines[0]).toMatch(/^INIT environment 1 failed after \d+ ms: Error: cannot connect$/);
    expect(lines[1]).toMatch(/^INIT environment 2 in \d+ ms$/);
  });

  it('prefers the most recently used idle environment', async () => {
    const { factory } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe' }, factory);
    // Environment 2 finishes last, so it is the most recently used.
    await Promise.all([pool.invoke({ delayMs: 5 }), pool.invoke({ delayMs: 60 })]);

    const next = [await pool.invoke({}), await pool.invoke({})];

    expect(next).toEqual([
      { env: 2, calls: 2 },
      { env: 2, calls: 3 },
    ]);
  });

  it('retires environments idle for idleTimeoutMs, so a later call is a cold start', async () => {
    let clock = 1_000_000;
    const { factory, shutdowns } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe', idleTimeoutMs: 60_000 }, factory, {
      now: () => clock,
    });
    await pool.invoke({});

    clock += 59_999;
    const warm = await pool.invoke({});
    clock += 60_000;
    const cold = await pool.invoke({});

    expect(warm).toEqual({ env: 1, calls: 2 });
    expect(cold).toEqual({ env: 2, calls: 1 });
    await vi.waitFor(() => expect(shutdowns).toEqual([1]));
    expect(pool.stats()).toMatchObject({ environments: 1, coldStarts: 2 });
  });

  it('lets an unused environment age out while a busier one stays warm', async () => {
    let clock = 0;
    const { factory, shutdowns } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe', idleTimeoutMs: 1_000 }, factory, {
      now: () => clock,
    });
    await Promise.all([pool.invoke({ delayMs: 5 }), pool.invoke({ delayMs: 60 })]);

    clock = 600;
    await pool.invoke({}); // environment 2, the most recent
    clock = 1_200; // environment 1 has been idle since 0, environment 2 since 600

    expect(pool.stats()).toMatchObject({ environments: 1 });
    await expect(pool.invoke({})).resolves.toEqual({ env: 2, calls: 3 });
    await vi.waitFor(() => expect(shutdowns).toEqual([1]));
  });

  it('shuts every environment down on close and refuses later invocations', async () => {
    const { factory, shutdowns } = probeFunction();
    const pool = new LambdaFunctionPool({ name: 'probe' }, factory);
    await Promise.all([pool.invoke({}), pool.invoke({})]);

    await pool.close();

    expect(shutdowns.sort()).toEqual([1, 2]);
    await expect(pool.invoke({})).rejects.toThrow('Function probe is closed');
  });

  it('logs a shutdown that fails instead of failing close', async () => {
    const lines: string[] = [];
    const factory: EnvironmentFactory = async () => ({
      handler: async () => 'ok',
      shutdown: async () => {
        throw new Error('socket already closed');
      },
    });
    const pool = new LambdaFunctionPool({}, factory, { log: (line) => lines.push(line) });
    await pool.invoke({});

    await expect(pool.close()).resolves.toBeUndefined();
    expect(lines).toContain('SHUTDOWN environment 1 failed: Error: socket already closed');
  });
});
