import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { InMemoryTelemetryStore } from '../storage/memory/index.js';
import { createApp } from './createApp.js';

function app(dashboard?: boolean) {
  return createApp({
    store: new InMemoryTelemetryStore(),
    table: { database: 'windtunnel', table: 'telemetry' },
    maxRecordsPerRequest: 100,
    deviceAuth: { mode: 'jwt', dimension: 'turbine_id' },
    log: { error: () => {}, warn: () => {} },
    ...(dashboard === undefined ? {} : { dashboard }),
  });
}

describe('GET /dashboard', () => {
  it('is not there unless switched on', async () => {
    for (const path of ['/dashboard', '/dashboard/fleet.js', '/dashboard/chart.js']) {
      expect((await request(app()).get(path)).status, path).toBe(404);
    }
  });

  it('serves a page whose scripts come from its own origin, under a policy without inline script', async () => {
    const on = app(true);
    const page = await request(on).get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.text).not.toMatch(/<script>/);
    const sources = [...page.text.matchAll(/<script src="([^"]+)">/g)].map((m) => m[1]);
    expect(sources).toEqual(['dashboard/chart.js', 'dashboard/fleet.js']);
    for (const src of sources) {
      const script = await request(on).get(`/${src}`);
      expect(script.status, src).toBe(200);
      expect(script.type, src).toBe('text/javascript');
      expect(script.headers['x-content-type-options']).toBe('nosniff');
    }
    const fleet = await request(on).get('/dashboard/fleet.js');
    expect(fleet.text).toContain('windtunnelFleet.live(location.search, 5000)');
    expect((await request(on).get('/dashboard/chart.js')).text).toMatch(/Chart\.js v4\./);
  });

  it('sends /dashboard/ to /dashboard, where its relative URLs resolve', async () => {
    const res = await request(app(true)).get('/dashboard/');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('../dashboard');
  });
});
