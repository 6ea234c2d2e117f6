import { afterAll, describe, expect, it } from 'vitest';
import { REQUEST_ID_PATTERN, startGateway } from '../../emulator/src/apigw-http/index.js';
import { handler as probe, type ProbeAnswer } from '../fixtures/handlers/probe.js';
import { gatewayHarness, json, send } from './gatewayClient.js';

const harness = gatewayHarness();
afterAll(() => harness.closeAll());

const NOT_FOUND = '{"message":"Not Found"}';
const eventOf = (response: Awaited<ReturnType<typeof send>>) => json<ProbeAnswer>(response).event;

describe('routes: API Gateway selection order over real HTTP', async () => {
  // The routes of the example in AWS doc http-api-develop-routes.md, plus a few of our own.
  const { url } = await harness.serve({
    handler: probe,
    config: {
      routes: [
        { routeKey: '$default' },
        { routeKey: 'ANY /{proxy+}' },
        { routeKey: 'GET /pets/{proxy+}' },
        { routeKey: 'GET /pets/dog/{id}' },
        { routeKey: 'GET /pets/dog/1' },
        { routeKey: 'POST /pets' },
        { routeKey: 'ANY /pets' },
      ],
    },
  });

  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/test/5', 'ANY /{proxy+}'],
    ['POST', '/pets', 'POST /pets'],
    ['DELETE', '/pets', 'ANY /pets'],
    ['GET', '/', '$default'],
  ])('%s %s goes to %s, in routeKey and requestContext.routeKey', async (method, path, key) => {
    const event = eventOf(await send(url, { method, path }));

    expect(event.routeKey).toBe(key);
    expect(event.requestContext.routeKey).toBe(key);
  });

  it('gives decoded pathParameters, proxy for the greedy variable, none for a literal route', async () => {
    const byId = eventOf(await send(url, { path: '/pets/dog/a%20b' }));
    const greedy = eventOf(await send(url, { path: '/pets/cat/x/%C3%A9' }));
    const literal = eventOf(await send(url, { path: '/pets/dog/1' }));

    expect(byId.pathParameters).toEqual({ id: 'a b' });
    expect(greedy.pathParameters).toEqual({ proxy: 'cat/x/é' });
    expect(literal).not.toHaveProperty('pathParameters');
  });
});

describe('routes: no match', () => {
  it('answers 404 {"message":"Not Found"} with apigw-requestid, never running the function (SAM says 403 Missing Authentication Token)', async () => {
    let calls = 0;
    const { url } = await harness.serve({
      handler: async () => {
        calls++;
        return 'ran';
      },
      config: { routes: [{ routeKey: 'GET /health' }] },
    });

    const responses = [
      await send(url, { path: '/nope' }),
      await send(url, { method: 'POST', path: '/health' }),
      await send(url, { path: '/health/' }),
    ];

    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(response.text).toBe(NOT_FOUND);
      expect(response.headers['content-type']).toBe('application/json');
      expect(response.headers['apigw-requestid']).toMatch(REQUEST_ID_PATTERN);
    }
    expect(calls).toBe(0);
  });
});

describe('routes: a named stage', async () => {
  const { url } = await harness.serve({
    handler: probe,
    config: {
      stage: 'dev',
      stageVariables: { table: 'turbines' },
      routes: [{ routeKey: 'GET /pets/{id}' }, { routeKey: 'GET /' }],
    },
  });

  it('routes the path below /dev but keeps the prefix in rawPath and http.path', async () => {
    const event = eventOf(await send(url, { path: '/dev/pets/7?x=1' }));

    expect(event).toMatchObject({
      routeKey: 'GET /pets/{id}',
      rawPath: '/dev/pets/7',
      pathParameters: { id: '7' },
      stageVariables: { table: 'turbines' },
      requestContext: { stage: 'dev', http: { path: '/dev/pets/7' } },
    });
  });

  it('serves the stage root at /dev', async () => {
    expect(eventOf(await send(url, { path: '/dev' })).routeKey).toBe('GET /');
  });

  it('answers 404 for a path outside the stage', async () => {
    const response = await send(url, { path: '/pets/7' });

    expect(response.status).toBe(404);
    expect(response.text).toBe(NOT_FOUND);
  });
});

describe('routes: the config file', () => {
  it('serves the example config: stage, function from the file, routes and authorizers', async () => {
    const { url } = await harness.serve({ config: 'test/fixtures/apigw/gateway.example.json' });

    const health = await send(url, { path: '/dev/health' });
    const admin = await send(url, {
      path: '/dev/admin/turbines',
      headers: { authorization: 'allow' },
    });
    const write = await send(url, { method: 'POST', path: '/dev/measurements' });

    expect(eventOf(health)).toMatchObject({
      routeKey: 'GET /health',
      stageVariables: { table: 'turbines' },
    });
    expect(json<ProbeAnswer>(health).context.memoryLimitInMB).toBe('128');
    expect(eventOf(admin).requestContext).toMatchObject({
      authorizer: { lambda: { device: 'NL-0001' } },
    });
    expect(write.status).toBe(401);
  });

  it('refuses a bad config before opening a port, naming the JSON path', async () => {
    await expect(
      startGateway({
        handler: probe,
        port: 0,
        config: { routes: [{ routeKey: 'GET /x', timeoutMs: 31_000 }] },
      }),
    ).rejects.toThrow('routes[0].timeoutMs: must be an integer from 50 to 30000, got 31000');
  });
});
