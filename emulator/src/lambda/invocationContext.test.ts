import type { Callback, Context, Handler } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { EnvironmentFactory } from './environment.js';
import { LambdaFunctionPool } from './pool.js';

const STREAM = /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/;

/** Every environment answers with the context it was given and its own id. */
function contextEcho(delayMs = 0): EnvironmentFactory {
  let environments = 0;
  return async () => {
    const env = ++environments;
    const handler: Handler = async (_event, context) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { env, context };
    };
    return { handler };
  };
}

type Echo = { env: number; context: Context };

describe('the context LambdaFunctionPool gives a handler', () => {
  it('describes the function from its config', async () => {
    const pool = new LambdaFunctionPool(
      { name: 'ingest', memoryMB: 512, region: 'eu-west-1', accountId: '123456789012' },
      contextEcho(),
      { now: () => Date.UTC(2024, 10, 26, 12) },
    );

    const { context } = (await pool.invoke({})) as Echo;

    expect(context).toMatchObject({
      functionName: 'ingest',
      functionVersion: '$LATEST',
      memoryLimitInMB: '512',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:ingest',
      logGroupName: '/aws/lambda/ingest',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.logStreamName).toMatch(STREAM);
    expect(context.logStreamName.startsWith('2024/11/26/')).toBe(true);
  });

  it('uses the defaults: windtunnel-function, 128 MB, 3 s', async () => {
    const pool = new LambdaFunctionPool({}, contextEcho());

    const { context } = (await pool.invoke({})) as Echo;

    expect(context.functionName).toBe('windtunnel-function');
    expect(context.memoryLimitInMB).toBe('128');
    expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(3_000);
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('gives each invocation a fresh awsRequestId and each environment its own log stream', async () => {
    const pool = new LambdaFunctionPool({}, contextEcho(20));

    const [a, b] = (await Promise.all([pool.invoke({}), pool.invoke({})])) as Echo[];
    const again = (await pool.invoke({})) as Echo;

    const byEnv = new Map([a, b].map((echo) => [echo!.env, echo!.context.logStreamName]));
    expect(byEnv.size).toBe(2);
    expect(byEnv.get(1)).not.toBe(byEnv.get(2));
    expect(again.context.logStreamName).toBe(byEnv.get(again.env));
    const ids = [a!, b!, again].map((echo) => echo.context.awsRequestId);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('ignores the caller context: Lambda, not the gateway, makes it', async () => {
    const pool = new LambdaFunctionPool({ name: 'ingest' }, contextEcho());
    const foreign = { functionName: 'gateway-made', awsRequestId: 'x' } as Context;

    const { context } = (await pool.invoke({}, foreign)) as Echo;

    expect(context.functionName).toBe('ingest');
    expect(context.awsRequestId).not.toBe('x');
  });

  it('runs callback-style handlers and the legacy context.succeed', async () => {
    const viaCallback = (event: { n: number }, _c: Context, callback: Callback): void => {
      setTimeout(() => callback(null, event.n * 2), 5);
    };
    const viaSucceed = (_e: unknown, context: Context): void => context.succeed('legacy');
    const callbackPool = new LambdaFunctionPool({}, async () => ({ handler: viaCallback }));
    const succeedPool = new LambdaFunctionPool({}, async () => ({ handler: viaSucceed }));

    await expect(callbackPool.invoke({ n: 21 })).resolves.toBe(42);
    await expect(succeedPool.invoke({})).resolves.toBe('legacy');
  });
});
