import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Headless Chromium for the tests that look at the dashboard and the report as a person would:
 * Debian's `chromium` (CI installs it), or CHROMIUM_PATH. Without one the browser tests are
 * skipped with the reason; under CI=true that is a failure.
 */
export function findChromium(): string | undefined {
  const given = process.env.CHROMIUM_PATH;
  if (given) return given;
  const dirs = (process.env.PATH ?? '').split(delimiter);
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = dirs.map((dir) => join(dir, name)).find((path) => existsSync(path));
    if (found) return found;
  }
  return undefined;
}

/** Why the browser tests cannot run, or undefined when they can. */
export function missingChromium(): string | undefined {
  if (findChromium()) return undefined;
  const reason = 'no Chromium: apt-get install chromium, or set CHROMIUM_PATH';
  if (process.env.CI === 'true')
    throw new Error(`${reason} (CI=true: this is a failure, not a skip)`);
  return reason;
}

export async function launchChromium(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChromium() as string,
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
}

/** Where screenshots go: test-results/ (kept by CI as artifacts, ignored by git). */
export async function artifactPath(name: string): Promise<string> {
  const dir = fileURLToPath(new URL('../../test-results/', import.meta.url));
  await mkdir(dir, { recursive: true });
  return join(dir, name);
}

/** The fleet view's state in a page: what it was given, and what each chart holds. */
export interface DrawnFleet {
  /** The totals the fleet chart plots, in its order. */
  totals: number[];
  /** Bars of the per-project chart, and points of the power-curve chart. */
  bars: number;
  curvePoints: number;
  /** Rows of the table. */
  rows: number;
  /** Canvas pixels that are not blank, per chart: proof that something was drawn. */
  inked: Record<string, number>;
  data: { power: { total: { time: string; total: number; devices: number }[] } };
}

/** Waits until the page has drawn its data, then reads back what its charts hold. */
export async function drawnFleet(page: Page): Promise<DrawnFleet> {
  await page.waitForFunction(
    () => {
      const fleet = (window as unknown as { windtunnelFleet?: { data: unknown } }).windtunnelFleet;
      return fleet?.data !== null && fleet?.data !== undefined;
    },
    { timeout: 15_000 },
  );
  return page.evaluate(() => {
    type Drawn = { data: { datasets: { data: ({ y: number } | number)[] }[] } };
    const w = window as unknown as {
      Chart: { getChart(canvas: HTMLCanvasElement): Drawn | undefined };
      windtunnelFleet: { data: DrawnFleet['data'] };
    };
    const chart = (id: string) =>
      w.Chart.getChart(document.getElementById(id) as HTMLCanvasElement);
    const inked: Record<string, number> = {};
    for (const id of ['total', 'projects', 'curve']) {
      const canvas = document.getElementById(id) as HTMLCanvasElement;
      const pixels = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
        0,
        0,
        canvas.width,
        canvas.height,
      ).data;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] as number) > 0) n++;
      inked[id] = n;
    }
    return {
      totals: (chart('total')?.data.datasets[0]?.data ?? []).map((p) =>
        typeof p === 'number' ? p : p.y,
      ),
      bars: chart('projects')?.data.datasets[0]?.data.length ?? 0,
      curvePoints: chart('curve')?.data.datasets[0]?.data.length ?? 0,
      rows: document.querySelectorAll('#table tbody tr').length,
      inked,
      data: w.windtunnelFleet.data,
    };
  });
}
