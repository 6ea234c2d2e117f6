import { describe, expect, it } from 'vitest';
import { KeyedLock } from './keyedLock.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('KeyedLock', () => {
  it('runs holders of the same key one after the other', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string) =>
      lock.run(['k'], async () => {
        events.push(`${name} start`);
        await tick();
        events.push(`${name} end`);
      });
    await Promise.all([job('a'), job('b')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
  });

  it('lets holders of different keys overlap', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string, key: string) =>
      lock.run([key], async () => {
        events.push(`${name} start`);
        await tick();
        events.push(`${name} end`);
      });
    await Promise.all([job('a', 'x'), job('b', 'y')]);
    expect(events).toEqual(['a start', 'b start', 'a end', 'b end']);
  });

  it('does not deadlock on overlapping key sets given in opposite orders', async () => {
    const lock = new KeyedLock();
    const results = await Promise.all([
      lock.run(['a', 'b'], async () => (await tick(), 1)),
      lock.run(['b', 'a'], async () => (await tick(), 2)),
    ]);
    expect(results).toEqual([1, 2]);
  });

  it('releases keys when the function throws, and forgets idle keys', async () => {
    const lock = new KeyedLock();
    await expect(lock.run(['k'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run(['k'], async () => 'next')).resolves.toBe('next');
    expect(lock.size).toBe(0);
  });
});
