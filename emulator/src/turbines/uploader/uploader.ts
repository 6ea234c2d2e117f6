import { setMaxListeners } from 'node:events';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import type { AuthHeader } from './auth.js';
import { keepAliveAgent, postJson, type KeepAliveAgent } from './httpPost.js';
import { ProjectLane, type LaneContext, type UploadEvents } from './lane.js';
import { classify, networkFailure, type Outcome } from './outcome.js';
import { Semaphore } from './semaphore.js';
import type { Spool, SpoolEntry } from './spool.js';

export interface UploaderOptions {
  /** The gateway, e.g. `http://localhost:3000` (`/measurements` is added unless present). */
  url: string;
  spool: Spool;
  auth: AuthHeader;
  /** Records per request; 1 sends the bare record, as the original devices did. Default 1. */
  batch?: number;
  /** Requests in flight across all projects. Default: unbounded (one per project). */
  concurrency?: number;
  /**
   * Per-request deadline. Default 30 s: API Gateway's own integration timeout, so the API always
   * answers first (with 503 if it must). A shorter deadline only makes the simulator resend
   * requests the API is still working on: measured with 770 projects starting at once against a
   * cold local stack, 10 s caused about 500 needless resends per 3850 readings, 30 s none.
   */
  timeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  random?: () => number;
  events?: Partial<UploadEvents>;
}

/**
 * Drains the spool to `POST /measurements`: a lane per project (ordered, one request at a time),
 * a shared keep-alive agent and a bound on requests in flight. Readings leave the spool only when
 * the API has answered for them (outcome.ts); everything else is retried with backoff
 * (backoff.ts) until it is delivered or the uploader closes.
 *
 * @example
 * const uploader = new Uploader({ url: 'http://localhost:3000', spool, auth });
 * uploader.add(['NL-0001', 'NL-0002']);
 * await uploader.whenIdle(30_000);
 * await uploader.close();
 */
export class Uploader {
  private readonly lanes = new Map<string, ProjectLane>();
  private readonly stoppedProjects = new Map<string, string>();
  private readonly agent: KeepAliveAgent;
  private readonly endpoint: URL;
  private readonly abort = new AbortController();
  private readonly context: LaneContext;
  private closeNow!: () => void;

  constructor(private readonly options: UploaderOptions) {
    this.endpoint = measurementsUrl(options.url);
    // Every request in flight listens on this one signal: 770 senders are not a leak.
    setMaxListeners(0, this.abort.signal);
    const concurrency = options.concurrency ?? Infinity;
    this.agent = keepAliveAgent(this.endpoint, concurrency);
    const events = withDefaults(options.events ?? {});
    this.context = {
      spool: options.spool,
      batch: options.batch ?? 1,
      semaphore: new Semaphore(concurrency),
      send: (project, entries) => this.send(project, entries),
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      random: options.random ?? Math.random,
      events: {
        ...events,
        stopped: (project, reason) => {
          this.stoppedProjects.set(project, reason);
          events.stopped(project, reason);
        },
      },
      closing: new Promise<void>((resolve) => (this.closeNow = resolve)),
      isClosing: () => this.abort.signal.aborted,
    };
    options.spool.onReadable((projects) => this.add(projects));
  }

  /** Starts a lane for each project that has none; wakes the ones that do. */
  add(projects: Iterable<string>): void {
    for (const project of projects) {
      if (this.stoppedProjects.has(project) || this.abort.signal.aborted) continue;
      const lane = this.lanes.get(project);
      if (lane) lane.wake();
      else this.lanes.set(project, new ProjectLane(project, this.context));
    }
  }

  /** Projects that stopped sending, with the reason (bad token, wrong URL). */
  get stopped(): ReadonlyMap<string, string> {
    return this.stoppedProjects;
  }

  /** Resolves true once no project that still sends has anything spooled; false after `timeoutMs`. */
  async whenIdle(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.sendable() === 0) return true;
      if (Date.now() >= deadline || signal?.aborted) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Readings spooled for projects that have not stopped. */
  sendable(): number {
    let stuck = 0;
    for (const project of this.stoppedProjects.keys())
      stuck += this.options.spool.pendingFor(project);
    return this.options.spool.pending - stuck;
  }

  /** Abandons requests in flight (their readings stay spooled) and waits for every lane to end. */
  async close(): Promise<void> {
    this.abort.abort();
    this.closeNow();
    await Promise.all([...this.lanes.values()].map((lane) => lane.finished));
    this.agent.destroy();
  }

  private async send(project: string, entries: SpoolEntry[]): Promise<Outcome> {
    const records = entries.map((e) => e.record);
    const body = JSON.stringify(this.context.batch === 1 ? records[0] : records);
    const authorization = this.options.auth(project);
    const headers = {
      'content-type': 'application/json',
      ...(authorization ? { authorization } : {}),
    };
    const started = performance.now();
    try {
      const answer = await postJson(this.endpoint, body, {
        agent: this.agent,
        headers,
        timeoutMs: this.options.timeoutMs ?? 30_000,
        signal: this.abort.signal,
      });
      this.context.events.request(performance.now() - started, answer.status);
      return classify(answer, entries.length, Date.now());
    } catch (error) {
      this.context.events.request(undefined, undefined);
      return networkFailure(error);
    }
  }
}

function measurementsUrl(base: string): URL {
  const url = new URL(base);
  if (!url.pathname.endsWith('/measurements')) {
    url.pathname = `${url.pathname.replace(/\/+$/, '')}/measurements`;
  }
  return url;
}

/** Fills in missing handlers; binds the given ones, since `events` may be a class instance. */
function withDefaults(given: Partial<UploadEvents>): UploadEvents {
  const pick = <K extends keyof UploadEvents>(name: K): UploadEvents[K] =>
    (given[name]?.bind(given) ?? (() => undefined)) as UploadEvents[K];
  return {
    request: pick('request'),
    acknowledged: pick('acknowledged'),
    rejected: pick('rejected'),
    retry: pick('retry'),
    stopped: pick('stopped'),
  };
}
