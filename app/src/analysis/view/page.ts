import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fleetView } from './fleetView.js';

/**
 * The HTML of the report and the dashboard: one page layout, one renderer (fleetView.ts), and
 * Chart.js. The report carries everything inline (it opens offline, from a file); the dashboard
 * loads the same scripts from its own origin, so that its Content-Security-Policy allows no
 * inline script at all.
 */

/** What the report inlines and the dashboard fetches: the bodies of GET /power and GET /power/projects. */
export interface FleetData {
  power: unknown;
  projects: unknown;
}

let chartJs: string | undefined;

/** Chart.js's UMD build (it defines `window.Chart`), read once from the installed package. */
export function chartJsSource(): string {
  chartJs ??= readFileSync(
    join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'),
    'utf8',
  );
  return chartJs;
}

/** The renderer's script: defines `window.windtunnelFleet`. */
export function fleetViewSource(): string {
  return `(${String(fleetView)})();\n`;
}

/** The dashboard's own script: the renderer, started live on the page's query string. */
export function dashboardScript(refreshMs: number): string {
  return `${fleetViewSource()}windtunnelFleet.live(location.search, ${refreshMs});\n`;
}

/** The dashboard's policy: scripts and data from its own origin only, nothing framed, no forms. */
export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The report may run its inline scripts and nothing else: opening it never touches the network. */
const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

export function reportHtml(data: FleetData, title: string): string {
  const scripts = [
    chartJsSource(),
    fleetViewSource(),
    `windtunnelFleet.render(${scriptJson(data)});`,
  ].map((source) => `<script>${source}</script>`);
  return layout({ title, csp: REPORT_CSP, scripts, status: 'report' });
}

export function dashboardHtml(title: string): string {
  const scripts = ['dashboard/chart.js', 'dashboard/fleet.js'].map(
    (src) => `<script src="${src}"></script>`,
  );
  return layout({ title, scripts, status: 'loading' });
}

/** JSON that is safe inside `<script>`: no `<` (so no `</script>`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

function layout(p: { title: string; csp?: string; scripts: string[]; status: string }): string {
  const title = escapeHtml(p.title);
  const csp =
    p.csp === undefined ? '' : `\n<meta http-equiv="Content-Security-Policy" content="${p.csp}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">${csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #1d2733; }
  h1 { font-size: 1.4rem; margin: 0; }
  h2 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
  #headline { font-size: 1.8rem; font-weight: 600; margin: 0.5rem 0 0; }
  .muted { color: #5b6775; }
  .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem 2rem; }
  .wide { grid-column: 1 / -1; }
  .chart { position: relative; height: 300px; }
  table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  th, td { padding: 2px 8px; border-bottom: 1px solid #e3e7ec; text-align: right; }
  th:nth-child(-n+2), td:nth-child(-n+2) { text-align: left; }
  .table { max-height: 480px; overflow: auto; }
</style>
</head>
<body>
<h1>${title}</h1>
<p id="headline"></p>
<p class="muted"><span id="range"></span> · <span id="status">${p.status}</span></p>
<div class="charts">
  <section class="wide"><h2>Fleet total power</h2><div class="chart"><canvas id="total"></canvas></div></section>
  <section><h2>Mean power per project</h2><div class="chart"><canvas id="projects"></canvas></div></section>
  <section><h2>Power curve as measured</h2><div class="chart"><canvas id="curve"></canvas></div></section>
</div>
<h2>Projects</h2>
<div class="table"><table id="table">
<thead><tr><th>device</th><th>project</th><th>readings</th><th>mean kW</th><th>latest (UTC)</th><th>kW</th><th>wind m/s</th><th>nominal kW</th></tr></thead>
<tbody></tbody>
</table></div>
${p.scripts.join('\n')}
</body>
</html>
`;
}
