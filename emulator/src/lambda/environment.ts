import type { Handler } from 'aws-lambda';
import {
  createLambdaContext,
  newLogStreamName,
  type FunctionSettings,
} from '../apigw-http/context.js';
import { InProcessInvoker } from '../apigw-http/invoker.js';
import { INIT_TIMEOUT_MS } from './config.js';
import { FunctionTimeoutError } from './errors.js';
import { within } from './within.js';

/** What a cold start produces: the handler of one function instance, and how to stop it. */
export interface FunctionInstance {
  handler: Handler;
  shutdown?: () => Promise<void>;
}

/** How a cold start went, like Lambda's `INIT_REPORT` line. */
export type InitReport =
  { initDurationMs: number; ok: true } | { initDurationMs: number; ok: false; error: unknown };

/**
 * Makes a new, independent function instance: module load + init, i.e. a cold start. Each call must
 * give fresh module-level state, as each Lambda execution environment is its own process.
 *
 * @example
 * const factory: EnvironmentFactory = async () => createLambdaFunction(process.env);
 */
export type EnvironmentFactory = () => Promise<FunctionInstance>;

/**
 * One execution environment: it runs the factory once (Init) and then one invocation at a time
 * (the pool guarantees that). Handlers run in this process and cannot be killed: after a timeout a
 * handler keeps running until it settles (a CPU-bound one until it yields); its result is dropped
 * and the environment is not reused.
 */
export class ExecutionEnvironment {
  /** Per environment, as in Lambda: every invocation it runs logs to the same stream. */
  readonly logStreamName: string;
  /** When its last invocation ended, by the pool's clock; the idle sweep compares it. */
  lastUsedAt: number;
  private readonly instance: Promise<FunctionInstance>;
  private broken = false;
  private stopped: Promise<void> | undefined;

  constructor(
    readonly id: number,
    createEnvironment: EnvironmentFactory,
    private readonly now: () => number,
    onInit: (report: InitReport) => void,
  ) {
    const started = now();
    this.logStreamName = newLogStreamName(new Date(started));
    this.lastUsedAt = started;
    this.instance = Promise.resolve().then(createEnvironment);
    // Registered first, so they have run before any invocation sees the outcome.
    this.instance.then(
      () => onInit({ initDurationMs: now() - started, ok: true }),
      (error: unknown) => {
        this.broken = true;
        onInit({ initDurationMs: now() - started, ok: false, error });
      },
    );
  }

  /** False after a failed init or a timeout: Lambda resets such an environment. */
  get reusable(): boolean {
    return !this.broken;
  }

  /**
   * The function timeout covers the Invoke phase only. Init has its own 10 s limit; past it, Lambda
   * re-runs Init inside the first invocation under the function timeout (lambda-runtime-environment
   * .html). We cannot restart an init in progress, so the function clock starts when init ends or
   * when the 10 s are up, and the rest of the init counts against it: more lenient than Lambda,
   * whose re-run starts from scratch.
   */
  async invoke(event: unknown, settings: FunctionSettings): Promise<unknown> {
    await within(this.instance, INIT_TIMEOUT_MS);
    const context = createLambdaContext(settings, this.now, undefined, this.logStreamName);
    const run = this.instance.then(({ handler }) =>
      new InProcessInvoker(handler).invoke(event, context),
    );
    const outcome = await within(run, settings.timeoutMs);
    if (!outcome.timedOut) return outcome.value;
    // "If the Lambda function crashes or times out during the Invoke phase, Lambda resets the
    // execution environment" (lambda-runtime-environment.html).
    this.broken = true;
    throw new FunctionTimeoutError(context.awsRequestId, settings.timeoutMs);
  }

  /** Runs the instance's shutdown once; if init is still running, once it has finished. */
  shutdown(): Promise<void> {
    this.stopped ??= this.instance.then(
      (instance) => instance.shutdown?.(),
      () => undefined, // a failed init left nothing to stop
    );
    return this.stopped;
  }
}
