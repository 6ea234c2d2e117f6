import { access, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findInfluxd, pingOnce, startInfluxd } from '../helpers/influxd.js';

describe.skipIf(!findInfluxd())('startInfluxd', () => {
  it('starts a private influxd, restarts it on the same port and data, and cleans up', async () => {
    const influxd = await startInfluxd();
    try {
      expect(influxd.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await pingOnce(influxd.url)).toBe(true);
      await query(influxd.url, 'CREATE DATABASE kept');

      await influxd.kill();
      expect(await pingOnce(influxd.url)).toBe(false);
      await influxd.restart();

      expect(await pingOnce(influxd.url)).toBe(true);
      expect(await query(influxd.url, 'SHOW DATABASES')).toContain('"kept"');
    } finally {
      await influxd.stop();
    }
    expect(await pingOnce(influxd.url)).toBe(false);
    await expect(access(influxd.dataDir)).rejects.toThrow(/ENOENT/);
  });

  it('reports a hung influxd as not answering until it is resumed', async () => {
    const influxd = await startInfluxd();
    try {
      influxd.pause();
      // SIGSTOP takes effect asynchronously; ping once the kernel reports the process stopped.
      const state = await stateOf(influxd.pid, 'T');
      if (state !== undefined) expect(state).toBe('T'); // undefined: no /proc to read here
      expect(await pingOnce(influxd.url, 300)).toBe(false);
      influxd.resume();
      expect(await pingOnce(influxd.url)).toBe(true);
    } finally {
      await influxd.stop();
    }
  });
});

async function query(url: string, q: string): Promise<string> {
  const response = await fetch(`${url}/query`, {
    method: 'POST',
    body: new URLSearchParams({ q }),
  });
  return response.text();
}

/**
 * The process state letter from /proc (`T`: stopped), once it is `wanted` or after 2 s;
 * undefined where /proc cannot be read.
 */
async function stateOf(pid: number | undefined, wanted: string): Promise<string | undefined> {
  let state: string | undefined;
  for (let waited = 0; waited < 2000; waited += 20) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    if (stat === undefined) return undefined;
    state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    if (state === wanted) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return state;
}
