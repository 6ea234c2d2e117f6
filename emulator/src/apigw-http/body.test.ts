import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { declaredTooLarge, readBody } from './body.js';

describe('declaredTooLarge', () => {
  it('is true only for a content-length over the limit', () => {
    expect(declaredTooLarge({ 'content-length': '11' }, 10)).toBe(true);
    expect(declaredTooLarge({ 'content-length': '10' }, 10)).toBe(false);
    expect(declaredTooLarge({}, 10)).toBe(false);
  });
});

describe('readBody', () => {
  it('concatenates every chunk up to and including the limit', async () => {
    const result = await readBody(Readable.from([Buffer.from('abc'), Buffer.from('def')]), 6);

    expect(result).toEqual({ ok: true, body: Buffer.from('abcdef') });
  });

  it('gives up as soon as the limit is passed, without waiting for the end', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        setImmediate(() => this.push(Buffer.alloc(1024)));
      },
    });

    const result = await readBody(endless, 4096);
    endless.destroy();

    expect(result).toEqual({ ok: false, reason: 'tooLarge' });
    expect(pulled).toBeLessThan(100);
  });

  it('rejects when the stream is destroyed before it ends', async () => {
    const stream = new Readable({ read() {} });
    const reading = readBody(stream, 100);

    stream.push('partial');
    stream.destroy();

    await expect(reading).rejects.toThrow(/before the body was complete/);
  });
});
