import { describe, expect, it } from 'vitest';
import { createRouter } from './router.js';

const keyOf = (routes: string[], method: string, path: string) =>
  createRouter(routes.map((routeKey) => ({ routeKey })))(method, path)?.route.routeKey;

describe('createRouter', () => {
  // The example table of AWS doc http-api-develop-routes.md, "Routing API requests".
  const DOC_ROUTES = ['GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}', '$default'];

  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/test/5', 'ANY /{proxy+}'],
  ])('routes %s %s to %s, as the AWS doc table does', (method, path, expected) => {
    expect(keyOf(DOC_ROUTES, method, path)).toBe(expected);
  });

  it('gives the doc table the same answers whatever order the routes are listed in', () => {
    const reversed = [...DOC_ROUTES].reverse();

    expect(keyOf(reversed, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/{id}');
    expect(keyOf(reversed, 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
  });

  it('prefers an exact path, then literals over variables from the left', () => {
    const routes = ['GET /pets/{type}/{id}', 'GET /pets/dog/{id}', 'GET /pets/dog/1'];

    expect(keyOf(routes, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
    expect(keyOf(routes, 'GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
    expect(keyOf(routes, 'GET', '/pets/cat/2')).toBe('GET /pets/{type}/{id}');
  });

  it('prefers a named method over ANY for the same path, and ANY takes the other methods', () => {
    const routes = ['ANY /pets', 'GET /pets'];

    expect(keyOf(routes, 'GET', '/pets')).toBe('GET /pets');
    expect(keyOf(routes, 'DELETE', '/pets')).toBe('ANY /pets');
  });

  it('prefers any full match, even ANY with variables, over a greedy route', () => {
    expect(keyOf(['GET /{proxy+}', 'ANY /{a}/{b}'], 'GET', '/x/y')).toBe('ANY /{a}/{b}');
  });

  it('does not let GET answer POST or HEAD, and falls back to $default', () => {
    expect(keyOf(['GET /pets'], 'POST', '/pets')).toBeUndefined();
    expect(keyOf(['GET /pets'], 'HEAD', '/pets')).toBeUndefined();
    expect(keyOf(['GET /pets', '$default'], 'POST', '/pets')).toBe('$default');
  });

  it('treats a trailing slash as a different path', () => {
    expect(keyOf(['GET /pets'], 'GET', '/pets/')).toBeUndefined();
    expect(keyOf(['GET /pets/{id}'], 'GET', '/pets/')).toBeUndefined();
  });

  it('needs at least one character for a greedy variable, so / is not /{proxy+}', () => {
    expect(keyOf(['ANY /{proxy+}'], 'GET', '/')).toBeUndefined();
    expect(keyOf(['GET /'], 'GET', '/')).toBe('GET /');
  });

  it('decodes path parameters, keeping an encoded slash inside its segment', () => {
    const route = createRouter([{ routeKey: 'GET /files/{name}/{rest+}' }]);

    expect(route('GET', '/files/a%2Fb%20c/x/%C3%A9/')?.pathParameters).toEqual({
      name: 'a/b c',
      rest: 'x/é/',
    });
  });

  it('leaves pathParameters out when the route has no variables', () => {
    const match = createRouter([{ routeKey: 'GET /health' }, { routeKey: '$default' }]);

    expect(match('GET', '/health')).toEqual({ route: { routeKey: 'GET /health' } });
    expect(match('GET', '/other')).toEqual({ route: { routeKey: '$default' } });
  });
});
