import type { Context } from 'aws-lambda';
import type { FunctionSettings } from '../apigw-http/context.js';
import type { Invoker } from '../apigw-http/invoker.js';
import {
  functionSettings,
  resolveFunctionConfig,
  type FunctionConfig,
  type ResolvedFunctionConfig,
} from './config.js';
import { ExecutionEnvironment, type EnvironmentFactory } from './environment.js';
import { FunctionTimeoutError, TooManyRequestsError } from './errors.js';

export interface PoolOptions {
  /** Reads the time for durations, `getRemainingTimeInMillis` and idle ages. Timers stay real. */
  now?: () => number;
  /** One line per cold start and per timeout. Default: silent. */
  log?: (line: string) => void;
}

export interface PoolStats {
  environments: number;
  busy: number;
  coldStarts: number;
  invocations: number;
  throttled: number;
}

/**
 * Lambda's execution model behind the gateway's `Invoker`: a pool of execution environments, each
 * running one invocation at a time. A request takes the most recently used idle environment (warm)
 * or starts a new one (cold start: the factory runs); with `reservedConcurrency` reached it is
 * throttled at once, never queued. Handler errors keep the environment; a timeout retires it; idle
 * environments are retired after `idleTimeoutMs`.
 *
 * Preferring the most recently used environment is NOT documented by AWS; it keeps a small warm
 * set and lets the rest age out, which is how Lambda is commonly observed to behave.
 *
 * @example
 * const pool = new LambdaFunctionPool({ name: 'ingest', timeoutMs: 3000 }, async () =>
 *   createLambdaFunction(process.env),
 * );
 * const result = await pool.invoke(event);
 * await pool.close();
 */
export class LambdaFunctionPool implements Invoker {
  private readonly config: ResolvedFunctionConfig;
  private readonly settings: FunctionSettings;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  /** Least recently used first, so `pop()` takes the warmest. */
  private readonly idle: ExecutionEnvironment[] = [];
  /** Running an invocation or still initializing: both count against the concurrency. */
  private readonly busy = new Set<ExecutionEnvironment>();
  private readonly counts = { coldStarts: 0, invocations: 0, throttled: 0 };
  private nextId = 1;
  private closed = false;

  constructor(
    config: Partial<FunctionConfig>,
    private readonly createEnvironment: EnvironmentFactory,
    options: PoolOptions = {},
  ) {
    this.config = resolveFunctionConfig(config);
    this.settings = functionSettings(this.config);
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  /**
   * Runs the handler in an environment and resolves with its result. Rejects with the handler's
   * error, `TooManyRequestsError` or `FunctionTimeoutError`. `context` is accepted for the `Invoker`
   * interface and ignored: Lambda, not its caller, makes the context (request id, deadline from
   * the function timeout, log stream of the environment that runs it).
   */
  async invoke(event: unknown, _context?: Context): Promise<unknown> {
    if (this.closed) throw new Error(`Function ${this.config.name} is closed`);
    this.retireIdle();
    const environment = this.acquire();
    this.counts.invocations += 1;
    try {
      return await environment.invoke(event, this.settings);
    } catch (err) {
      if (err instanceof FunctionTimeoutError) {
        this.log(`${err.message}; environment ${environment.id} retired`);
      }
      throw err;
    } finally {
      this.release(environment);
    }
  }

  stats(): PoolStats {
    this.retireIdle();
    const { idle, busy, counts } = this;
    return { environments: idle.length + busy.size, busy: busy.size, ...counts };
  }

  /** Shuts every environment down, busy ones included; later invocations are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.splice(0), ...this.busy];
    await Promise.all(all.map((environment) => this.retire(environment)));
  }

  private acquire(): ExecutionEnvironment {
    const warm = this.idle.pop();
    if (warm) {
      this.busy.add(warm);
      return warm;
    }
    const cap = this.config.reservedConcurrency;
    if (cap !== undefined && this.busy.size >= cap) {
      this.counts.throttled += 1;
      throw new TooManyRequestsError(this.config.name, cap);
    }
    const id = this.nextId++;
    const cold = new ExecutionEnvironment(id, this.createEnvironment, this.now, (report) => {
      const ms = Math.round(report.initDurationMs);
      this.log(
        report.ok
          ? `INIT environment ${id} in ${ms} ms`
          : `INIT environment ${id} failed after ${ms} ms: ${describe(report.error)}`,
      );
    });
    this.counts.coldStarts += 1;
    this.busy.add(cold);
    return cold;
  }

  private release(environment: ExecutionEnvironment): void {
    this.busy.delete(environment);
    if (environment.reusable && !this.closed) {
      environment.lastUsedAt = this.now();
      this.idle.push(environment);
    } else {
      void this.retire(environment);
    }
  }

  /** Lambda keeps an idle environment "for some time"; ours go after `idleTimeoutMs`. */
  private retireIdle(): void {
    const now = this.now();
    for (const environment of [...this.idle]) {
      if (now - environment.lastUsedAt < this.config.idleTimeoutMs) continue;
      this.idle.splice(this.idle.indexOf(environment), 1);
      void this.retire(environment);
    }
  }

  /** Never rejects: a failing shutdown is logged, as Lambda would only log it. */
  private retire(environment: ExecutionEnvironment): Promise<void> {
    return environment.shutdown().catch((err: unknown) => {
      this.log(`SHUTDOWN environment ${environment.id} failed: ${describe(err)}`);
    });
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
