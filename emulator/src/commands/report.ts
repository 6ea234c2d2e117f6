import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvTable } from '../../../app/src/analysis/format.js';
import { parseDuration } from '../../../app/src/analysis/params.js';
import { reportHtml, type FleetData } from '../../../app/src/analysis/view/page.js';
import { loadStackConfig } from '../config.js';

export const REPORT_USAGE = `windtunnel report [--url <api>] [--since 24h | --from <time> [--to <time>]] [--bin 10m]
                  [--out report.html] [--csv <dir>] [--title <text>] [--token <jwt>]
      A self-contained HTML report of the fleet's power (fleet total over time, mean power per
      project, the power curve as measured, a table), from the API's GET /power and
      GET /power/projects (default --url: the local stack). It opens offline. --csv <dir> also
      writes fleet-total.csv and projects.csv there. --token: sent as a bearer token, for an
      API in AWS whose GET routes have an authorizer.
`;

/** The bodies of GET /power and GET /power/projects, as far as the CSV files read them. */
interface PowerBody {
  total: { time: string; total: number; devices: number }[];
}
interface ProjectsBody {
  device: string;
  label: string;
  measure: string;
  projects: (Record<string, unknown> & { latest: Record<string, unknown> | null })[];
}

export interface ReportIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

const RANGE_FLAGS = ['since', 'from', 'to'] as const;
const KNOWN = new Set([...RANGE_FLAGS, 'url', 'bin', 'out', 'csv', 'title', 'token']);

/**
 * `windtunnel report`: reads the fleet's power from the API (any backend behind it, locally or
 * in AWS), writes the report and, with `--csv`, the data. The API checks the range and the bin;
 * its error (the parameter and the reason) is shown as it comes. Resolves to the exit code.
 *
 * @example
 * await reportCommand({ url: 'http://localhost:3000', since: '24h', out: 'report.html' });
 */
export async function reportCommand(
  flags: Record<string, string>,
  io: ReportIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  const unknown = Object.keys(flags).find((name) => !KNOWN.has(name));
  if (unknown !== undefined) {
    io.stderr.write(`windtunnel report: unknown flag --${unknown}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const url = flags.url ?? `http://localhost:${loadStackConfig(io.env).port}`;
  const range = new URLSearchParams();
  for (const name of RANGE_FLAGS) if (flags[name] !== undefined) range.set(name, flags[name]);
  if (range.size === 0) range.set('since', '24h');
  let data: FleetData & { power: PowerBody; projects: ProjectsBody };
  try {
    data = await fetchFleetData(url, range, flags.bin ?? '10m', flags.token);
  } catch (err) {
    io.stderr.write(`windtunnel report: ${(err as Error).message}\n`);
    return 1;
  }
  const out = flags.out ?? 'report.html';
  await writeFile(out, reportHtml(data, flags.title ?? 'windtunnel fleet report'));
  io.stdout.write(
    `windtunnel report: ${out}: ${data.power.total.length} bins, ${data.projects.projects.length} projects\n`,
  );
  if (flags.csv !== undefined) {
    await mkdir(flags.csv, { recursive: true });
    for (const [name, text] of Object.entries(fleetCsv(data))) {
      await writeFile(join(flags.csv, name), text);
      io.stdout.write(`windtunnel report: ${join(flags.csv, name)}\n`);
    }
  }
  return 0;
}

/** GET /power and GET /power/projects over the same range, at the same instant. */
export async function fetchFleetData(
  url: string,
  range: URLSearchParams,
  bin: string,
  token?: string,
): Promise<FleetData & { power: PowerBody; projects: ProjectsBody }> {
  const base = url.replace(/\/+$/, '');
  // One `to` for both, so the two answers cover the same instant.
  const pinned = new URLSearchParams(range);
  if (!pinned.has('from')) {
    const since = pinned.get('since') ?? '24h';
    pinned.delete('since');
    const to = new Date();
    pinned.set(
      'from',
      new Date(to.getTime() - Number(parseDuration('--since', since) / 1_000_000n)).toISOString(),
    );
    pinned.set('to', to.toISOString());
  }
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      headers: {
        accept: 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
    }).catch((err: Error) => {
      const cause = (err.cause as Error | undefined)?.message;
      throw new Error(
        `GET ${base}${path}: ${cause ?? err.message} (is the API running? --url says where)`,
      );
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${base}${path}: HTTP ${res.status} ${text}`);
    return JSON.parse(text) as T;
  };
  const [power, projects] = await Promise.all([
    get<PowerBody>(`/power?${pinned}&bin=${encodeURIComponent(bin)}`),
    get<ProjectsBody>(`/power/projects?${pinned}`),
  ]);
  return { power, projects };
}

/** The report's data as two CSV files: the fleet total per bin, and one row per project. */
export function fleetCsv(data: {
  power: PowerBody;
  projects: ProjectsBody;
}): Record<string, string> {
  const { power, projects } = data;
  const latestNames = [
    ...new Set(projects.projects.flatMap((p) => Object.keys(p.latest ?? {}))),
  ].filter((name) => name !== 'time');
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return {
    'fleet-total.csv': csvTable(
      ['time', 'total_kw', 'devices'],
      power.total.map((p) => [p.time, String(p.total), String(p.devices)]),
    ),
    'projects.csv': csvTable(
      [
        projects.device,
        ...(projects.label === projects.device ? [] : [projects.label]),
        'readings',
        `mean_${projects.measure}`,
        'latest_time',
        ...latestNames.map((name) => `latest_${name}`),
      ],
      projects.projects.map((p) => [
        text(p[projects.device]),
        ...(projects.label === projects.device ? [] : [text(p[projects.label])]),
        text(p.readings),
        text(p.mean),
        text(p.latest?.time),
        ...latestNames.map((name) => text(p.latest?.[name])),
      ]),
    ),
  };
}
