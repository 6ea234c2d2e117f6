import type { Callback, Context, Handler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createLambdaContext, DEFAULT_FUNCTION_SETTINGS } from './context.js';
import { InProcessInvoker } from './invoker.js';

const invoke = (handler: Handler, event: unknown = { n: 1 }): Promise<unknown> =>
  new InProcessInvoker(handler).invoke(event, createLambdaContext(DEFAULT_FUNCTION_SETTINGS));

describe('InProcessInvoker', () => {
  it('resolves with what an async handler returns, passing event and context', async () => {
    const handler: Handler = async (event: { n: number }, context: Context) => ({
      n: event.n,
      fn: context.functionName,
    });

    await expect(invoke(handler)).resolves.toEqual({ n: 1, fn: 'windtunnel-handler' });
  });

  it('resolves with the result a callback-style handler passes to its callback later', async () => {
    const handler = (_event: unknown, _context: Context, callback: Callback): void => {
      setTimeout(() => callback(null, 'later'), 5);
    };

    await expect(invoke(handler)).resolves.toBe('later');
  });

  it('rejects when the callback gets an error, turning a string into an Error', async () => {
    const handler = (_e: unknown, _c: Context, callback: Callback): void => callback('bad input');

    await expect(invoke(handler)).rejects.toThrow(new Error('bad input'));
  });

  it('rejects when a handler throws synchronously or its promise rejects', async () => {
    const throwing: Handler = () => {
      throw new Error('sync boom');
    };
    const rejecting: Handler = async () => {
      throw new Error('async boom');
    };

    await expect(invoke(throwing)).rejects.toThrow('sync boom');
    await expect(invoke(rejecting)).rejects.toThrow('async boom');
  });

  it('honours the legacy context.succeed and context.fail', async () => {
    const succeeding = (_e: unknown, context: Context): void => context.succeed({ legacy: true });
    const failing = (_e: unknown, context: Context): void => context.fail('nope');

    await expect(invoke(succeeding)).resolves.toEqual({ legacy: true });
    await expect(invoke(failing)).rejects.toThrow('nope');
  });

  it('keeps the first outcome when a handler both calls back and returns a promise', async () => {
    const handler: Handler = async (_e, _c, callback) => {
      callback(null, 'first');
      return 'second';
    };

    await expect(invoke(handler)).resolves.toBe('first');
  });

  it('answers null for a synchronous handler that takes no callback', async () => {
    // Typed loosely on purpose: Handler forbids this mistake, which real code still makes.
    const handler = (() => 'ignored, as in Lambda') as unknown as Handler;

    await expect(invoke(handler)).resolves.toBeNull();
  });
});
