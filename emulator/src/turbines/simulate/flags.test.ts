import { describe, expect, it } from 'vitest';
import { parseSimulateFlags, SimulateUsageError } from './flags.js';

const jwt = {
  issuer: 'https://windtunnel.local/',
  audience: 'windtunnel',
  keysDir: '.windtunnel/keys',
};

describe('parseSimulateFlags', () => {
  it('defaults to the original experiment: 770 projects, one record a second per request, for 5 minutes', () => {
    expect(parseSimulateFlags({}, jwt)).toMatchObject({
      url: 'http://localhost:3000',
      projects: 770,
      seed: 1,
      intervalMs: 1000,
      durationMs: 300_000,
      batch: 1,
      concurrency: undefined,
      weather: 'synthetic',
      spoolDir: '.windtunnel/spool',
      auth: { mode: 'mint', ...jwt },
    });
  });

  it('reads every flag', () => {
    const settings = parseSimulateFlags(
      {
        url: 'http://127.0.0.1:4000',
        projects: '50',
        seed: '9',
        interval: '500ms',
        duration: 'forever',
        batch: '10',
        concurrency: '8',
        fleet: 'fleet.csv',
        'power-curve': 'original',
        'hub-height': 'log-law',
        spool: '/tmp/s',
        'report-json': 'r.json',
        token: 'abc',
        keys: 'k',
        timeout: '2s',
        drain: '1m',
      },
      jwt,
    );
    expect(settings).toMatchObject({
      projects: 50,
      projectsGiven: true,
      intervalMs: 500,
      durationMs: undefined,
      batch: 10,
      concurrency: 8,
      fleetFile: 'fleet.csv',
      curve: 'original',
      hubHeight: 'log-law',
      auth: { mode: 'token', token: 'abc' },
      timeoutMs: 2000,
      drainMs: 60_000,
    });
    expect(parseSimulateFlags({ 'no-auth': 'true' }, jwt).auth).toEqual({ mode: 'none' });
  });

  it.each([
    [{ projects: 'many' }, /--projects/],
    [{ batch: '0' }, /--batch/],
    [{ interval: 'often' }, /--interval/],
    [{ duration: '-5m' }, /--duration/],
    [{ weather: 'rainy' }, /--weather must be one of synthetic, owm/],
    [{ 'power-curve': 'linear' }, /--power-curve/],
    [{ 'hub-height': 'tall' }, /--hub-height/],
    [{ url: 'localhost:3000' }, /--url/],
    [{ turbo: 'yes' }, /unknown flag --turbo/],
    [{ token: 'x', 'no-auth': 'true' }, /--token and --no-auth/],
  ])('refuses %o with a message naming the flag', (flags, message) => {
    expect(() => parseSimulateFlags(flags, jwt)).toThrow(SimulateUsageError);
    expect(() => parseSimulateFlags(flags, jwt)).toThrow(message);
  });
});
