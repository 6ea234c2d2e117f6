import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { failureKind, invokeWithTimeout, type IntegrationOutcome } from './integration.js';
import type { Invoker } from './invoker.js';

const context = {} as Context;
const after = (ms: number, value: unknown): Invoker => ({
  invoke: () => new Promise((resolve) => setTimeout(() => resolve(value), ms)),
});

describe('invokeWithTimeout', () => {
  it('gives the result when the function answers in time', async () => {
    await expect(invokeWithTimeout(after(5, 'ok'), {}, context, 1_000)).resolves.toEqual({
      kind: 'result',
      result: 'ok',
    });
  });

  it('gives up at the integration timeout, and reports the late result without using it', async () => {
    const late: IntegrationOutcome[] = [];

    const outcome = await invokeWithTimeout(after(80, 'late'), {}, context, 20, (o) =>
      late.push(o),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(outcome).toEqual({ kind: 'timedOut' });
    expect(late).toEqual([{ kind: 'result', result: 'late' }]);
  });

  it('reports a rejection, and an invoker that throws synchronously, as failures', async () => {
    const rejecting: Invoker = { invoke: () => Promise.reject(new Error('boom')) };
    const throwing: Invoker = {
      invoke: () => {
        throw new Error('sync');
      },
    };

    expect(await invokeWithTimeout(rejecting, {}, context, 100)).toMatchObject({ kind: 'failed' });
    expect(await invokeWithTimeout(throwing, {}, context, 100)).toMatchObject({ kind: 'failed' });
  });
});

describe('failureKind', () => {
  it('answers 500 for Lambda throttling and the function timeout, as API Gateway does', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });

    expect(failureKind(named('TooManyRequestsError'))).toBe('internal');
    expect(failureKind(named('FunctionTimeoutError'))).toBe('internal');
    expect(failureKind('a string')).toBe('internal');
  });
});
