/// <reference lib="dom" />

/**
 * The fleet's charts and table, drawn in the browser with Chart.js: the one renderer of both the
 * report (`windtunnel report`, data inlined) and the live dashboard (`/dashboard`, data fetched).
 *
 * `fleetView` runs in the page, never in Node: page.ts ships its source text (`String(fleetView)`),
 * so it must not use anything from outside its own body. It defines `window.windtunnelFleet`:
 * - `render(data)` draws `FleetData` (the bodies of `GET /power` and `GET /power/projects`) and
 *   keeps it as `windtunnelFleet.data`, so that a test can compare what is drawn with the API;
 * - `live(search, refreshMs)` fetches both from the page's own origin and redraws every refresh
 *   (`?refresh=<seconds>` in the query string overrides it; `since`, `from`, `to`, `bin`, `label`,
 *   `measure` and `measure_name` pass through to the API).
 *
 * Text from the data (project names) reaches the page only through `textContent` and the canvas.
 */
export function fleetView(): void {
  type Json = Record<string, unknown>;
  interface PowerBody {
    from: string;
    to: string;
    bin: string;
    total: { time: string; total: number; devices: number }[];
  }
  interface ProjectsBody {
    device: string;
    label: string;
    measure: string;
    projects: (Json & { readings: number; mean: number | null; latest: Json | null })[];
  }
  interface ChartLike {
    data: { labels?: unknown[]; datasets: (Json & { data: unknown[] })[] };
    options: unknown;
    update(mode?: string): void;
  }
  type ChartCtor = new (canvas: HTMLCanvasElement, config: unknown) => ChartLike;

  const page = window as unknown as { Chart: ChartCtor; windtunnelFleet: unknown };
  const charts: Record<string, ChartLike> = {};
  const WIND = 'wind_speed_hub';
  const NOMINAL = 'nominal_power_kw';
  const el = (id: string) => document.getElementById(id) as HTMLElement;
  const kw = (v: number | null | undefined) =>
    v === null || v === undefined ? '' : v.toLocaleString('en-GB', { maximumFractionDigits: 1 });
  /** HH:MM, or HH:MM:SS when the chart spans less than 15 minutes. */
  let clockLength = 5;
  const clock = (ms: number) => new Date(ms).toISOString().slice(11, 11 + clockLength);
  const num = (v: unknown) => (typeof v === 'number' ? v : null);

  /** A tick step of whole minutes or hours giving at most a dozen ticks over `span` ms. */
  function timeStep(span: number): number {
    const steps = [1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * 60_000);
    return (
      steps.find((step) => span / step <= 12) ?? 86_400_000 * Math.ceil(span / 12 / 86_400_000)
    );
  }

  /** The data stays in kW (what the API says); the axis reads MW once the numbers get long. */
  function powerAxis(max: number): Json {
    if (max < 10_000) return { title: axisTitle('kW') };
    return { title: axisTitle('MW'), ticks: { callback: (v: number) => kw(v / 1000) } };
  }

  function axisTitle(text: string): Json {
    return { display: true, text };
  }

  function draw(id: string, config: Json & { data: ChartLike['data']; options: unknown }): void {
    const known = charts[id];
    if (known) {
      // The options too: the time axis follows the range, and kW may turn into MW.
      known.options = config.options;
      known.data.labels = config.data.labels ?? [];
      known.data.datasets.forEach((d, i) => (d.data = config.data.datasets[i]?.data ?? []));
      known.update('none');
      return;
    }
    charts[id] = new page.Chart(el(id) as HTMLCanvasElement, config);
  }

  function render(data: { power: PowerBody; projects: ProjectsBody }): void {
    const { power, projects } = data;
    (page.windtunnelFleet as { data: unknown }).data = data;
    const last = power.total[power.total.length - 1];
    const [from, to] = [Date.parse(power.from), Date.parse(power.to)];
    clockLength = to - from < 15 * 60_000 ? 8 : 5;
    const step = timeStep(to - from);
    el('headline').textContent = last
      ? `${kw(last.total / 1000)} MW from ${last.devices} projects at ${last.time.slice(11, 16)} UTC`
      : 'No readings in this range yet';
    el('range').textContent =
      `${power.from} to ${power.to}, ${power.bin} bins, ${projects.projects.length} projects`;
    draw('total', {
      type: 'line',
      data: {
        datasets: [
          {
            label: 'Fleet total (kW)',
            data: power.total.map((p) => ({ x: Date.parse(p.time), y: p.total })),
            pointRadius: 0,
            borderWidth: 2,
            fill: true,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: {
            type: 'linear',
            // Whole steps, so that the ticks fall on round UTC times.
            min: Math.floor(from / step) * step,
            max: Math.ceil(to / step) * step,
            ticks: { callback: clock, stepSize: step },
            title: axisTitle('time (UTC)'),
          },
          y: { beginAtZero: true, ...powerAxis(Math.max(0, ...power.total.map((p) => p.total))) },
        },
      },
    });
    const named = (p: Json) => String(p[projects.label] ?? p[projects.device] ?? '');
    const byMean = [...projects.projects].sort((a, b) => (b.mean ?? 0) - (a.mean ?? 0));
    draw('projects', {
      type: 'bar',
      data: {
        labels: byMean.map(named),
        datasets: [
          { label: `Mean ${projects.measure} per project`, data: byMean.map((p) => p.mean) },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { ticks: { autoSkip: true, maxRotation: 60 } },
          y: powerAxis(Math.max(0, ...byMean.map((p) => p.mean ?? 0))),
        },
      },
    });
    const curve = projects.projects.flatMap((p) => {
      const wind = num(p.latest?.[WIND]);
      const power = num(p.latest?.[projects.measure]);
      const nominal = num(p.latest?.[NOMINAL]);
      return wind === null || power === null || !nominal
        ? []
        : [{ x: wind, y: (100 * power) / nominal }];
    });
    draw('curve', {
      type: 'scatter',
      data: { datasets: [{ label: 'Latest reading per project', data: curve, pointRadius: 2 }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: {
          x: { title: axisTitle('wind speed at hub height (m/s)') },
          y: { min: 0, max: 105, title: axisTitle('power (% of nominal)') },
        },
      },
    });
    const body = el('table').querySelector('tbody') as HTMLElement;
    body.replaceChildren(
      ...byMean.map((p) => {
        const tr = document.createElement('tr');
        const latest = p.latest;
        const cells = [
          String(p[projects.device] ?? ''),
          String(p[projects.label] ?? ''),
          String(p.readings),
          kw(p.mean),
          latest ? String(latest.time).slice(0, 19).replace('T', ' ') : '',
          kw(num(latest?.[projects.measure])),
          kw(num(latest?.[WIND])),
          kw(num(latest?.[NOMINAL])),
        ];
        for (const text of cells) tr.appendChild(document.createElement('td')).textContent = text;
        return tr;
      }),
    );
  }

  async function live(search: string, refreshMs: number): Promise<void> {
    const asked = new URLSearchParams(search);
    const refresh = Number(asked.get('refresh'));
    const every = refresh >= 1 && refresh <= 3600 ? refresh * 1000 : refreshMs;
    const pick = (names: string[], defaults: Record<string, string>) => {
      const out = new URLSearchParams(defaults);
      for (const name of names) {
        const value = asked.get(name);
        if (value !== null) out.set(name, value);
      }
      if (out.has('from')) out.delete('since');
      return out.toString();
    };
    const range = ['since', 'from', 'to', 'measure', 'measure_name'];
    const powerUrl = `power?${pick([...range, 'bin'], { since: '1h', bin: '1m' })}`;
    const projectsUrl = `power/projects?${pick([...range, 'label'], { since: '1h' })}`;
    const get = async (url: string) => {
      const res = await fetch(url, { headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };
    try {
      const [power, projects] = await Promise.all([get(powerUrl), get(projectsUrl)]);
      render({ power, projects });
      el('status').textContent = `updated ${new Date().toISOString().slice(11, 19)} UTC`;
    } catch (err) {
      el('status').textContent = `not updated: ${(err as Error).message}`;
    }
    setTimeout(() => void live(search, refreshMs), every);
  }

  page.windtunnelFleet = { render, live, data: null };
}
