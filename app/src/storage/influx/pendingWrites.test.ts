import { describe, expect, it } from 'vitest';
import { PendingWrites } from './pendingWrites.js';

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('PendingWrites', () => {
  it('makes a checked write of the same key wait until the tracked write settles', async () => {
    const pending = new PendingWrites();
    const write = deferred();
    pending.track(() => ['a', 'b'], write.promise);
    let waited = false;
    const waiting = pending.settled(['b']).then(() => (waited = true));
    await tick();
    expect(waited).toBe(false);
    write.resolve();
    await waiting;
    expect(waited).toBe(true);
    await tick();
    expect(pending.size).toBe(0);
  });

  it('does not wait for writes of other keys, nor for writes tracked after the call', async () => {
    const pending = new PendingWrites();
    const other = deferred();
    pending.track(() => ['x'], other.promise);
    const done: string[] = [];
    void pending.settled(['y']).then(() => done.push('y'));
    const waiting = pending.settled(['z']).then(() => done.push('z'));
    const later = deferred();
    pending.track(() => ['z'], later.promise);
    await tick();
    expect(done).toEqual(['y', 'z']);
    other.resolve();
    later.resolve();
    await waiting;
  });

  it('counts a failed write as settled, and hands its failure to the writer only', async () => {
    const pending = new PendingWrites();
    const write = deferred();
    const tracked = pending.track(() => ['k'], write.promise);
    const waiting = pending.settled(['k']);
    write.reject(new Error('InfluxDB unavailable'));
    await expect(tracked).rejects.toThrow('InfluxDB unavailable');
    await expect(waiting).resolves.toBeDefined();
    await tick();
    expect(pending.size).toBe(0);
  });

  it('builds the keys of a tracked write only when a checked write asks', async () => {
    const pending = new PendingWrites();
    const write = deferred();
    let built = 0;
    pending.track(() => (built++, ['a']), write.promise);
    expect(built).toBe(0);
    await expect(
      Promise.race([pending.settled(['a']), tick().then(() => 'waiting')]),
    ).resolves.toBe('waiting');
    void pending.settled(['b']);
    expect(built).toBe(1);
    write.resolve();
    await tick();
    expect(pending.size).toBe(0);
  });
});
