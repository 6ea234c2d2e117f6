import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app/src/http/createApp.js';
import { InMemoryTelemetryStore } from '../../../app/src/storage/memory/index.js';
import { NOW_MS, POWER_READINGS, powerReading } from '../../../test/fixtures/power.js';
import { reportCommand } from './report.js';

const HOSTILE = '</script><script>alert(1)</script>';
const range = { from: '2024-11-25T23:40:00Z', to: '2024-11-26T00:00:00Z' };
let url = '';
let dir = '';
let close = () => {};
const authorizations: (string | undefined)[] = [];

beforeAll(async () => {
  const store = new InMemoryTelemetryStore();
  const table = { database: 'windtunnel', table: 'telemetry' };
  await store.write(table, [...POWER_READINGS, powerReading('E', 5, 2.5, HOSTILE)]);
  const app = createApp({
    store,
    table,
    maxRecordsPerRequest: 10,
    deviceAuth: { mode: 'jwt', dimension: 'turbine_id' },
    now: () => BigInt(NOW_MS) * 1_000_000n,
    log: { error: () => {}, warn: () => {} },
  });
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    app(req, res);
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'windtunnel-report-'));
  close = () => server.close();
});
afterAll(async () => {
  close();
  await rm(dir, { recursive: true, force: true });
});

function io() {
  const text = { stdout: '', stderr: '' };
  const sink = (key: keyof typeof text) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text[key] += chunk.toString();
        done();
      },
    });
  return { io: { stdout: sink('stdout'), stderr: sink('stderr'), env: {} }, text };
}

describe('windtunnel report', () => {
  it('writes one self-contained page carrying exactly what the API answered', async () => {
    const out = join(dir, 'report.html');
    const { io: streams, text } = io();
    const code = await reportCommand({ url, ...range, bin: '10m', out }, streams);
    expect(text.stderr).toBe('');
    expect(code).toBe(0);
    expect(text.stdout).toContain('2 bins, 5 projects');
    const html = await readFile(out, 'utf8');
    // Everything inline, and a policy that lets the page fetch nothing.
    const markup = html.replace(/<script>[^]*?<\/script>/g, '<script></script>');
    expect(markup).not.toMatch(/<script[^>]+src=|<link|<img|url\(|https?:/i);
    expect(markup.match(/<script>/g)).toHaveLength(3);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
    expect(html).toContain('Chart.js v4.');
    // A project name cannot close the data's script element.
    expect(html).not.toContain(HOSTILE);
    const data = JSON.parse(/windtunnelFleet\.render\((.*)\);<\/script>/.exec(html)?.[1] ?? 'null');
    const query = `from=${range.from}&to=${range.to}`;
    const api = async (path: string) => (await fetch(`${url}${path}`)).json();
    expect(data).toEqual({
      power: await api(`/power?${query}&bin=10m`),
      projects: await api(`/power/projects?${query}`),
    });
    expect(data.power.total).toEqual([
      { time: '2024-11-25T23:40:00.000Z', total: 210.75, devices: 3 },
      { time: '2024-11-25T23:50:00.000Z', total: 344.75, devices: 4 },
    ]);
  });

  it('writes the data as CSV with --csv, a hostile name defused', async () => {
    const csv = join(dir, 'csv');
    const { io: streams } = io();
    const code = await reportCommand({ url, ...range, out: join(dir, 'r2.html'), csv }, streams);
    expect(code).toBe(0);
    expect(await readFile(join(csv, 'fleet-total.csv'), 'utf8')).toBe(
      'time,total_kw,devices\r\n' +
        '2024-11-25T23:40:00.000Z,210.75,3\r\n' +
        '2024-11-25T23:50:00.000Z,344.75,4\r\n',
    );
    const projects = (await readFile(join(csv, 'projects.csv'), 'utf8')).split('\r\n');
    expect(projects[0]).toBe(
      'turbine_id,project,readings,mean_power_kw,latest_time,latest_power_kw,latest_wind_speed_hub,latest_nominal_power_kw',
    );
    expect(projects[1]).toBe('A,Noord,3,200,2024-11-25T23:51:00.000000000Z,300,,');
    expect(projects).toContain(`E,${HOSTILE},1,2.5,2024-11-25T23:55:00.000000000Z,2.5,,`);
  });

  it('sends --token as a bearer token, for an API whose GET routes have an authorizer', async () => {
    authorizations.length = 0;
    const { io: streams } = io();
    expect(
      await reportCommand(
        { url, ...range, out: join(dir, 't.html'), token: 'abc.def.ghi' },
        streams,
      ),
    ).toBe(0);
    expect(authorizations).toEqual(['Bearer abc.def.ghi', 'Bearer abc.def.ghi']);
  });

  it('shows the API’s refusal, naming the parameter, and refuses unknown flags', async () => {
    const bad = io();
    expect(
      await reportCommand({ url, since: '1h', bin: '10x', out: join(dir, 'x.html') }, bad.io),
    ).toBe(1);
    expect(bad.text.stderr).toMatch(/HTTP 400 .*bin: must be a duration/);
    const closed = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => closed.once('listening', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const down = io();
    const nowhere = `http://127.0.0.1:${port}`;
    expect(await reportCommand({ url: nowhere, out: join(dir, 'y.html') }, down.io)).toBe(1);
    expect(down.text.stderr).toMatch(
      new RegExp(`GET ${nowhere}/power.*ECONNREFUSED.*is the API running`),
    );
    const unknown = io();
    expect(await reportCommand({ url, bins: '10m' }, unknown.io)).toBe(2);
    expect(unknown.text.stderr).toContain('unknown flag --bins');
  });
});
