import { describe, expect, it } from 'vitest';
import { chunk, runBounded } from './chunk.js';

describe('chunk', () => {
  it('splits into full chunks and a remainder', () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    expect(chunk(items, 100).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunk(items, 100)[2]?.[0]).toBe(200);
    expect(chunk([], 100)).toEqual([]);
  });

  it('refuses a size below 1', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});

describe('runBounded', () => {
  const tick = () => new Promise((r) => setTimeout(r, 1));

  it('never has more than `concurrency` tasks in flight, and runs every item', async () => {
    let inFlight = 0;
    let peak = 0;
    const seen: number[] = [];
    await runBounded([...Array(10).keys()], 3, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await tick();
      seen.push(item);
      inFlight -= 1;
    });
    expect(peak).toBe(3);
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(10).keys()]);
  });

  it('starts nothing after a failure, waits for the tasks in flight, then throws', async () => {
    const started: number[] = [];
    let finished = 0;
    const run = runBounded([0, 1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await tick();
      finished += 1;
      if (item === 0) throw new Error('boom');
    });
    await expect(run).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
    expect(finished).toBe(2);
  });
});
