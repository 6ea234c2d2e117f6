import { benchIngest, type IngestFigures, type Scenario } from './ingest.js';

/**
 * `windtunnel bench [--json] [--duration 5s] [--fleet-duration 10s]`: a script that prints
 * figures, never a timed test. The machine is shared and noisy: compare the ratios, measured side
 * by side in one run, not absolute numbers across runs.
 */
export async function benchCommand(flags: Record<string, string>): Promise<number> {
  const json = flags.json === 'true';
  const log = json ? () => {} : (line: string) => process.stderr.write(`bench: ${line}\n`);
  const figures = await benchIngest({
    durationMs: seconds(flags.duration ?? '5s', '--duration') * 1000,
    fleetDurationMs: seconds(flags['fleet-duration'] ?? '10s', '--fleet-duration') * 1000,
    ...(process.env.INFLUX_URL ? { influxUrl: process.env.INFLUX_URL } : {}),
    log,
  });
  process.stdout.write(json ? `${JSON.stringify(figures, null, 2)}\n` : render(figures));
  return 0;
}

function render(f: IngestFigures): string {
  const row = (s: Scenario) =>
    `${s.name.padEnd(28)} ${fmt(s.pointsPerSecond, 0).padStart(10)} pts/s   p50 ${fmt(s.p50Ms, 1).padStart(7)} ms   p99 ${fmt(s.p99Ms, 1).padStart(7)} ms   errors ${s.errors}${s.firstError ? ` (${s.firstError})` : ''}`;
  const lines = [
    'Ingest: raw InfluxDB line protocol vs the full local stack (same points, same client)',
    ...f.raw.map(row),
    ...f.stack.map(row),
    ...f.ratios.map(
      (r) =>
        `ratio stack/raw at batch ${r.batch}, concurrency ${r.concurrency}: ${fmt(r.ratio * 100, 0)}%`,
    ),
    row(f.fleet),
    `stack peak RSS: ${f.stackPeakRssMiB === undefined ? 'n/a' : `${fmt(f.stackPeakRssMiB, 0)} MiB`}`,
  ];
  return `${lines.join('\n')}\n`;
}

function fmt(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}

function seconds(raw: string, flag: string): number {
  const match = /^(\d+)(s|m)?$/.exec(raw);
  if (!match) throw new Error(`${flag} must look like 5s or 1m; got '${raw}'`);
  return Number(match[1]) * (match[2] === 'm' ? 60 : 1);
}
