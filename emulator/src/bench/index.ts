import type { CpuBudget } from './cpu.js';
import { benchIngest, STACK, type IngestFigures, type Scenario } from './ingest.js';
import { benchTimestream, SERVER, type TimestreamFigures } from './timestream.js';

/**
 * `windtunnel bench [--suite ingest|timestream|all] [--json] [--duration 5s]
 * [--fleet-duration 10s] [--query-runs 3] [--query-timeout 45s]`: a script that prints figures,
 * never a timed test. The machine is shared and noisy: compare the ratios, measured side by side
 * in one run, not absolute numbers across runs. `--json` prints `{ "ingest": ..., "timestream":
 * ... }`, one key per suite run.
 */
export async function benchCommand(flags: Record<string, string>): Promise<number> {
  const json = flags.json === 'true';
  const suite = flags.suite ?? 'all';
  if (!['ingest', 'timestream', 'all'].includes(suite)) {
    throw new BenchFlagError(`--suite must be ingest, timestream or all; got '${suite}'`);
  }
  const log = json ? () => {} : (line: string) => process.stderr.write(`bench: ${line}\n`);
  const influxUrl = process.env.INFLUX_URL ? { influxUrl: process.env.INFLUX_URL } : {};
  const durationMs = seconds(flags.duration ?? '5s', '--duration') * 1000;
  const figures: { ingest?: IngestFigures; timestream?: TimestreamFigures } = {};
  if (suite !== 'timestream') {
    figures.ingest = await benchIngest({
      durationMs,
      fleetDurationMs: seconds(flags['fleet-duration'] ?? '10s', '--fleet-duration') * 1000,
      ...influxUrl,
      log,
    });
    if (!json) process.stdout.write(render(figures.ingest));
  }
  if (suite !== 'ingest') {
    const queryRuns = Number(flags['query-runs'] ?? '3');
    if (!Number.isInteger(queryRuns) || queryRuns < 1) {
      throw new BenchFlagError(
        `--query-runs must be a positive integer; got '${flags['query-runs']}'`,
      );
    }
    const queryTimeoutMs = seconds(flags['query-timeout'] ?? '45s', '--query-timeout') * 1000;
    figures.timestream = await benchTimestream({
      durationMs,
      queryRuns,
      queryTimeoutMs,
      ...influxUrl,
      log,
    });
    if (!json) process.stdout.write(renderTimestream(figures.timestream));
  }
  if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  return 0;
}

/** A bad flag value: the command line prints the message and exits 2, as for a bad variable. */
class BenchFlagError extends Error {
  override readonly name = 'ConfigError';
}

const row = (s: Scenario) =>
  `${s.name.padEnd(30)} ${fmt(s.pointsPerSecond, 0).padStart(10)} pts/s   p50 ${fmt(s.p50Ms, 1).padStart(7)} ms   p99 ${fmt(s.p99Ms, 1).padStart(7)} ms   errors ${s.errors}${s.firstError ? ` (${s.firstError})` : ''}${cpu(s)}`;

/** `   CPU per point: load generator 3.1 us, stack 45.2 us, influxd 22.0 us; stack main thread busy 93%` */
function cpu(s: Scenario): string {
  const parts = Object.entries(s.cpuUsPerPoint ?? {}).map(
    ([role, us]) => `${role} ${fmt(us, 1)} us`,
  );
  const busy = Object.entries(s.mainThreadBusy ?? {}).map(
    ([role, share]) => `${role} main thread busy ${fmt(share * 100, 0)}%`,
  );
  if (parts.length === 0) return '';
  return `\n${' '.repeat(31)}CPU per point: ${parts.join(', ')}${busy.length > 0 ? `; ${busy.join(', ')}` : ''}`;
}

/** What the ratio target leaves `role` in CPU per point (cpu.ts), if it was measured. */
function budget(b: CpuBudget | undefined, role: string): string[] {
  if (!b) return [];
  const left =
    b.leftUsPerPoint > 0
      ? `leaves the ${role} at most ${fmt(b.leftUsPerPoint, 1)} us`
      : `is out of reach even at 0 us for the ${role}`;
  return [
    `  CPU budget at the target: ${b.cores} cores / target pts/s = ${fmt(b.allUsPerPoint, 1)} us per point in all;` +
      ` the others took ${fmt(b.othersUsPerPoint, 1)} us, which ${left}; it took ${fmt(b.tookUsPerPoint, 1)} us`,
  ];
}

function render(f: IngestFigures): string {
  const lines = [
    'Ingest: raw InfluxDB line protocol vs the full local stack (same points, same client)',
    ...f.raw.map(row),
    ...f.stack.map(row),
    ...f.ratios.flatMap((r) => [
      `ratio stack/raw at batch ${r.batch}, concurrency ${r.concurrency}: ${fmt(r.ratio * 100, 0)}% (target >= ${fmt(r.target * 100, 0)}%)`,
      ...budget(r.cpuBudget, STACK),
    ]),
    row(f.rawFleet),
    row(f.fleet),
    `stack peak RSS: ${f.stackPeakRssMiB === undefined ? 'n/a' : `${fmt(f.stackPeakRssMiB, 0)} MiB`}`,
  ];
  return `${lines.join('\n')}\n`;
}

function renderTimestream(f: TimestreamFigures): string {
  const { write, query } = f;
  const lines = [
    'Timestream server on InfluxDB: WriteRecords through the AWS SDK vs raw line protocol (same kind of points)',
    row(write.raw),
    row(write.sdk),
    `ratio WriteRecords/raw at batch 100, concurrency 8: ${fmt(write.ratio * 100, 0)}% (target >= ${fmt(write.target * 100, 0)}%)`,
    ...budget(write.cpuBudget, SERVER),
    `Query: fleet total per 10 min over 24 h, ${query.points} points (770 turbines, 1/min)`,
    `  loaded by ${query.load.path}: ${fmt(query.load.seconds, 1)} s, ${fmt(query.load.pointsPerSecond, 0)} pts/s`,
    `  ${query.sql}`,
    `  median ${query.medianMs === null ? 'n/a' : `${fmt(query.medianMs, 0)} ms`} (target < ${query.targetMs} ms); runs: ${runs(query)}`,
    `  ${query.rows} rows; ${query.checkedBins} full bins checked against the points written, ${query.wrongBins} wrong`,
    `server peak RSS: ${f.serverPeakRssMiB === undefined ? 'n/a' : `${fmt(f.serverPeakRssMiB, 0)} MiB`}`,
  ];
  return `${lines.join('\n')}\n`;
}

function runs(query: TimestreamFigures['query']): string {
  const finished = query.runsMs.map((ms) => `${fmt(ms, 0)} ms`);
  const abandoned = `not finished within ${fmt(query.timeoutMs / 1000, 0)} s, abandoned`;
  return [...finished, ...(query.timedOut ? [abandoned] : [])].join(', ');
}

function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

function seconds(raw: string, flag: string): number {
  const match = /^(\d+)(s|m)?$/.exec(raw);
  if (!match) throw new BenchFlagError(`${flag} must look like 5s or 1m; got '${raw}'`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}
