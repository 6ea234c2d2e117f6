import { startCpuMeter, type CpuPerPoint, type Watched } from './cpu.js';
import { Latencies } from './stats.js';

export interface LoadResult {
  points: number;
  requests: number;
  errors: number;
  firstError?: string;
  seconds: number;
  latencies: Latencies;
  /** CPU per point of the watched processes over the measured part (cpu.ts). */
  cpu?: CpuPerPoint;
  /** How busy each watched Node process's main thread was, 0 to 1 (cpu.ts). */
  mainThreadBusy?: Record<string, number>;
}

/** The processes a loop charges its CPU to, and which of them are Node processes. */
export interface Watch {
  processes: Watched;
  nodeRoles?: readonly string[];
}

/**
 * Unmeasured load before every closed loop, raw InfluxDB and the stack alike: the stack's JIT,
 * its Lambda environments and its connections to InfluxDB warm up in the first seconds, and a
 * steady state is what the figures compare.
 */
export const WARMUP_MS = 3000;

/**
 * Closed loop: `concurrency` workers each send a request, wait for the answer, and send the next,
 * for `warmupMs` unmeasured, then for `durationMs`. Throughput is what the server sustains at
 * that concurrency. `watch` names the processes whose CPU the measured part is charged to.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  send: (seq: number) => Promise<number>,
  watch: Watch = { processes: {} },
  warmupMs = WARMUP_MS,
): Promise<LoadResult> {
  if (warmupMs > 0) await closedLoop(concurrency, warmupMs, send, { processes: {} }, 0);
  const result = emptyResult();
  const cpu = await startCpuMeter(watch.processes, watch.nodeRoles);
  const started = performance.now();
  const until = started + durationMs;
  let seq = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await timed(result, () => send(seq++));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  ({ perPoint: result.cpu, mainThreadBusy: result.mainThreadBusy } = await cpu(result.points));
  return result;
}

/**
 * Open loop: `senders` each send one request every `intervalMs` (offsets spread over the interval),
 * whatever the answers do, as a fleet of devices would. Latency is what each device sees.
 */
export async function openLoop(
  senders: number,
  intervalMs: number,
  durationMs: number,
  send: (sender: number, seq: number) => Promise<number>,
  watch: Watch = { processes: {} },
): Promise<LoadResult> {
  const result = emptyResult();
  const cpu = await startCpuMeter(watch.processes, watch.nodeRoles);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  const sender = async (id: number) => {
    const offset = (id / senders) * intervalMs;
    for (let seq = 0; offset + seq * intervalMs < durationMs; seq++) {
      const due = started + offset + seq * intervalMs;
      await sleep(due - performance.now());
      inFlight.push(timed(result, () => send(id, seq)));
    }
  };
  await Promise.all(Array.from({ length: senders }, (_, id) => sender(id)));
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  ({ perPoint: result.cpu, mainThreadBusy: result.mainThreadBusy } = await cpu(result.points));
  return result;
}

function emptyResult(): LoadResult {
  return { points: 0, requests: 0, errors: 0, seconds: 0, latencies: new Latencies() };
}

async function timed(result: LoadResult, send: () => Promise<number>): Promise<void> {
  const t0 = performance.now();
  try {
    // Await first: `x += await f()` reads x before awaiting and loses concurrent updates.
    const points = await send();
    result.points += points;
    result.latencies.add(performance.now() - t0);
  } catch (err) {
    result.errors++;
    result.firstError ??= err instanceof Error ? err.message : String(err);
  }
  result.requests++;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
