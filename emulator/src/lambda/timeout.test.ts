import { setTimeout as sleep } from 'node:timers/promises';
import type { Handler } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INIT_TIMEOUT_MS } from './config.js';
import type { EnvironmentFactory } from './environment.js';
import { FunctionTimeoutError } from './errors.js';
import { LambdaFunctionPool } from './pool.js';

interface Nap {
  ms: number;
  tag: string;
}

/** Every environment sleeps as long as the event says, then answers the event's tag. */
function nappingFunction() {
  let environments = 0;
  const shutdowns: number[] = [];
  const factory: EnvironmentFactory = async () => {
    const env = ++environments;
    const handler: Handler<Nap> = async (event) => {
      await sleep(event.ms);
      return { env, tag: event.tag };
    };
    return { handler, shutdown: async () => void shutdowns.push(env) };
  };
  return { factory, shutdowns };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LambdaFunctionPool function timeout', () => {
  it('fails with FunctionTimeoutError at the timeout, not when the handler ends', async () => {
    const { factory } = nappingFunction();
    const pool = new LambdaFunctionPool({ name: 'slow', timeoutMs: 100 }, factory);
    const started = Date.now();

    const error: unknown = await pool.invoke({ ms: 10_000, tag: 'never' }).catch((err) => err);

    expect(error).toBeInstanceOf(FunctionTimeoutError);
    expect((error as Error).message).toMatch(/^[0-9a-f-]{36} Task timed out after 0\.10 seconds$/);
    expect(Date.now() - started).toBeLessThan(5_000); // generous: far below the handler's 10 s
  });

  it('retires the environment: the next call is a cold start and the late result is dropped', async () => {
    const { factory, shutdowns } = nappingFunction();
    const lines: string[] = [];
    const pool = new LambdaFunctionPool({ name: 'slow', timeoutMs: 300 }, factory, {
      log: (line) => lines.push(line),
    });

    const first = pool.invoke({ ms: 400, tag: 'late' });
    await expect(first).rejects.toBeInstanceOf(FunctionTimeoutError);
    // Runs from about 300 to 500 ms, so the first handler's late result (400 ms) arrives meanwhile.
    const second = await pool.invoke({ ms: 200, tag: 'second' });
    const third = await pool.invoke({ ms: 0, tag: 'third' });

    expect(second).toEqual({ env: 2, tag: 'second' });
    expect(third).toEqual({ env: 2, tag: 'third' });
    expect(shutdowns).toEqual([1]);
    expect(pool.stats()).toMatchObject({ environments: 1, coldStarts: 2, invocations: 3 });
    expect(lines).toContainEqual(
      expect.stringMatching(/Task timed out after 0\.30 seconds; environment 1 retired$/),
    );
  });

  it('does not count the init against the function timeout', async () => {
    const factory: EnvironmentFactory = async () => {
      await sleep(300);
      return { handler: async () => 'ready' };
    };
    const pool = new LambdaFunctionPool({ timeoutMs: 100 }, factory);

    await expect(pool.invoke({})).resolves.toBe('ready');
  });

  it('starts the function clock when an init passes the 10 s init limit', async () => {
    vi.useFakeTimers();
    let initDone = false;
    const factory: EnvironmentFactory = async () => {
      // The global setTimeout, which fake timers replace (node:timers/promises is not faked).
      await new Promise((resolve) => setTimeout(resolve, INIT_TIMEOUT_MS + 5_000));
      initDone = true;
      return { handler: async () => 'too late' };
    };
    const pool = new LambdaFunctionPool({ timeoutMs: 3_000 }, factory);

    const outcome = pool.invoke({}).catch((err: unknown) => err);
    await vi.advanceTimersByTimeAsync(INIT_TIMEOUT_MS + 3_000);

    expect(await outcome).toBeInstanceOf(FunctionTimeoutError);
    expect(initDone).toBe(false);
    expect(pool.stats()).toMatchObject({ environments: 0 });
  });

  it('counts getRemainingTimeInMillis down from the function timeout', async () => {
    let clock = 50_000;
    const handler: Handler = async (_event, context) => {
      const atStart = context.getRemainingTimeInMillis();
      clock += 400;
      return [atStart, context.getRemainingTimeInMillis()];
    };
    const pool = new LambdaFunctionPool({ timeoutMs: 3_000 }, async () => ({ handler }), {
      now: () => clock,
    });

    await expect(pool.invoke({})).resolves.toEqual([3_000, 2_600]);
  });
});
