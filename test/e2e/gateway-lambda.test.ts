import { afterAll, describe, expect, it } from 'vitest';
import type { GatewayConfigInput } from '../../emulator/src/apigw-http/index.js';
import { gatewayHarness, json, send } from './gatewayClient.js';

/** The gateway in front of `LambdaFunctionPool` (config.function): Lambda's execution model. */

const harness = gatewayHarness();
afterAll(() => harness.closeAll());

const ENVIRONMENT = 'test/fixtures/handlers/environment.ts#handler';
type EnvironmentAnswer = { environmentId: string; invocations: number };

function withFunction(
  fn: NonNullable<GatewayConfigInput['function']>,
  routes?: GatewayConfigInput['routes'],
) {
  return harness.serve({ config: { function: fn, ...(routes && { routes }) } });
}

describe('lambda: environments behind the gateway', () => {
  it('reuses a warm environment for one request after another, and cold-starts another for overlapping requests', async () => {
    const { url } = await withFunction({ handler: ENVIRONMENT });

    const first = json<EnvironmentAnswer>(await send(url));
    const second = json<EnvironmentAnswer>(await send(url));
    const [a, b] = await Promise.all([
      send(url, { path: '/?ms=200' }),
      send(url, { path: '/?ms=200' }),
    ]);

    expect(second).toMatchObject({ environmentId: first.environmentId, invocations: 2 });
    const overlapping = [a, b].map((r) => json<EnvironmentAnswer>(r).environmentId);
    expect(new Set(overlapping).size).toBe(2);
  });

  it('answers 500 when reserved concurrency is used up, as API Gateway does for a throttled Lambda (serverless-offline: unbounded; SAM: queues)', async () => {
    const { url, logs } = await withFunction({ handler: ENVIRONMENT, reservedConcurrency: 1 });

    const [a, b] = await Promise.all([
      send(url, { path: '/?ms=300' }),
      send(url, { path: '/?ms=300' }),
    ]);

    expect([a.status, b.status].sort()).toEqual([200, 500]);
    const refused = a.status === 500 ? a : b;
    expect(refused.text).toBe('{"message":"Internal Server Error"}');
    expect(logs.some((line) => line.includes('TooManyRequestsError'))).toBe(true);
  });

  it('answers 500 when the function times out first, 503 when the integration does', async () => {
    const fnFirst = await withFunction({ handler: ENVIRONMENT, timeoutMs: 100 }, [
      { routeKey: '$default', timeoutMs: 1_000 },
    ]);
    const integrationFirst = await withFunction({ handler: ENVIRONMENT, timeoutMs: 1_000 }, [
      { routeKey: '$default', timeoutMs: 100 },
    ]);

    const byFunction = await send(fnFirst.url, { path: '/?ms=400' });
    const byIntegration = await send(integrationFirst.url, { path: '/?ms=400' });

    expect(byFunction.status).toBe(500);
    expect(fnFirst.logs.some((line) => line.includes('FunctionTimeoutError'))).toBe(true);
    expect(byIntegration.status).toBe(503);
  });

  it('describes the configured function in the handler context', async () => {
    const { url } = await harness.serve({
      config: {
        function: {
          handler: 'test/fixtures/handlers/probe.ts#handler',
          name: 'ingest',
          memoryMB: 256,
        },
      },
    });

    const { context } = json<{ context: { functionName: string; memoryLimitInMB: string } }>(
      await send(url),
    );

    expect(context).toMatchObject({ functionName: 'ingest', memoryLimitInMB: '256' });
  });
});
