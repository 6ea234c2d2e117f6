import { describe, expect, it } from 'vitest';
import { WriteCoalescer } from './writeCoalescer.js';

/** A fake InfluxDB write endpoint: records bodies; answers when told to. */
function fakeInflux(refuse: (line: string) => boolean = () => false) {
  const bodies: string[] = [];
  const waiting: (() => void)[] = [];
  const send = (body: string) =>
    new Promise<void>((resolve, reject) => {
      bodies.push(body);
      waiting.push(() => {
        const refused = body.split('\n').filter(refuse);
        if (refused.length === 0) return resolve();
        // node-influx's RequestError shape: InfluxDB's 400 partial write names no point.
        reject(
          Object.assign(
            new Error(`A 400 error occurred: {"error":"partial write: dropped=${refused.length}"}`),
            {
              res: { statusCode: 400 },
            },
          ),
        );
      });
    });
  const answerAll = async () => {
    while (waiting.length > 0) {
      waiting.splice(0).forEach((answer) => answer());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { bodies, send, answerAll };
}

/** Queues `writes` ([database, lines, count]) on a coalescer, answers them all: the bodies sent. */
async function bodiesSent(
  maxInFlight: number,
  maxLines: number,
  writes: [string, string, number][],
): Promise<string[]> {
  const influx = fakeInflux();
  const coalescer = new WriteCoalescer(maxInFlight, maxLines);
  const done = writes.map(([db, lines, n]) => coalescer.write(db, lines, n, influx.send));
  await influx.answerAll();
  await Promise.all(done);
  return influx.bodies;
}

describe('WriteCoalescer', () => {
  it('sends at once while under maxInFlight, then merges what waits into one request', async () => {
    const influx = fakeInflux();
    const writes = new WriteCoalescer(2, 100);
    const done = ['a', 'b', 'c', 'd', 'e'].map((l) => writes.write('db', l, 1, influx.send));
    expect(influx.bodies).toEqual(['a', 'b']);
    await influx.answerAll();
    await Promise.all(done);
    expect(influx.bodies).toEqual(['a', 'b', 'c\nd\ne']);
  });

  it('keeps a merged request within maxLines', async () => {
    const bodies = await bodiesSent(1, 3, [
      ['db', 'a', 1],
      ['db', 'b\nc', 2],
      ['db', 'd', 1],
      ['db', 'e\nf', 2],
    ]);
    expect(bodies).toEqual(['a', 'b\nc\nd', 'e\nf']);
  });

  it('does not merge writes to different databases', async () => {
    const bodies = await bodiesSent(1, 100, [
      ['one', 'a', 1],
      ['two', 'b', 1],
      ['one', 'c', 1],
      ['two', 'd', 1],
    ]);
    expect(bodies).toEqual(['a', 'b', 'c', 'd']);
  });

  it('gives each caller only its own refusals when a merged write is partly refused', async () => {
    const influx = fakeInflux((line) => line === 'bad');
    const writes = new WriteCoalescer(1, 100);
    const first = writes.write('db', 'first', 1, influx.send);
    const good = writes.write('db', 'good', 1, influx.send);
    const bad = writes.write('db', 'bad', 1, influx.send);
    const outcome = Promise.allSettled([first, good, bad]);
    await influx.answerAll();
    const [a, b, c] = await outcome;
    expect([a?.status, b?.status, c?.status]).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(influx.bodies).toEqual(['first', 'good\nbad', 'good', 'bad']);
  });

  it('fails every caller of a merged request that fails otherwise', async () => {
    const writes = new WriteCoalescer(1, 100);
    let calls = 0;
    const send = async () => {
      calls++;
      if (calls > 1) throw new Error('ECONNREFUSED');
      await new Promise((r) => setTimeout(r, 5));
    };
    const all = await Promise.allSettled(
      ['a', 'b', 'c'].map((l) => writes.write('db', l, 1, send)),
    );
    expect(all.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(calls).toBe(2);
  });

  it('withdraws a waiting write whose caller gave up, so it never lands later', async () => {
    const influx = fakeInflux();
    const writes = new WriteCoalescer(1, 100);
    const first = writes.write('db', 'a', 1, influx.send);
    const abort = new AbortController();
    const late = writes.write('db', 'b', 1, influx.send, abort.signal);
    const kept = writes.write('db', 'c', 1, influx.send);
    abort.abort();
    await expect(late).rejects.toThrow('withdrawn');
    await influx.answerAll();
    await Promise.all([first, kept]);
    expect(influx.bodies).toEqual(['a', 'c']);
  });
});
