import { describe, expect, it } from 'vitest';
import { createLambdaContext, DEFAULT_FUNCTION_SETTINGS, newLogStreamName } from './context.js';

const SETTINGS = {
  ...DEFAULT_FUNCTION_SETTINGS,
  functionName: 'ingest',
  region: 'eu-west-1',
  accountId: '123456789012',
};

describe('createLambdaContext', () => {
  it('describes the function like Lambda does', () => {
    const context = createLambdaContext(SETTINGS, () => Date.UTC(2024, 10, 26));

    expect(context).toMatchObject({
      functionName: 'ingest',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:ingest',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/ingest',
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(context.awsRequestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(context.logStreamName).toMatch(/^2024\/11\/26\/\[\$LATEST\][0-9a-f]{32}$/);
  });

  it("uses the environment's log stream when given one, a fresh one otherwise", () => {
    const stream = newLogStreamName(new Date(Date.UTC(2024, 0, 2)));

    const context = createLambdaContext(SETTINGS, Date.now, undefined, stream);

    expect(stream).toMatch(/^2024\/01\/02\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(context.logStreamName).toBe(stream);
    expect(createLambdaContext(SETTINGS).logStreamName).not.toBe(stream);
  });

  it('gives each invocation its own awsRequestId', () => {
    expect(createLambdaContext(SETTINGS).awsRequestId).not.toBe(
      createLambdaContext(SETTINGS).awsRequestId,
    );
  });

  it('counts getRemainingTimeInMillis down from the timeout, never below 0', () => {
    let clock = 1_000;
    const context = createLambdaContext({ ...SETTINGS, timeoutMs: 3_000 }, () => clock);

    const atStart = context.getRemainingTimeInMillis();
    clock += 1_200;
    const later = context.getRemainingTimeInMillis();
    clock += 10_000;

    expect([atStart, later, context.getRemainingTimeInMillis()]).toEqual([3_000, 1_800, 0]);
  });

  it('routes done, succeed and fail to the completion it was given', () => {
    const calls: unknown[][] = [];
    const context = createLambdaContext(SETTINGS, Date.now, (error, result) =>
      calls.push([error, result]),
    );
    const boom = new Error('boom');

    context.succeed('ok');
    context.done(undefined, 'done');
    context.fail(boom);

    expect(calls).toEqual([
      [null, 'ok'],
      [null, 'done'],
      [boom, undefined],
    ]);
  });
});
