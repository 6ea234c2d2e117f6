import { describe, expect, it } from 'vitest';
import { parseRouteKey, routeShape } from './routeKey.js';

describe('parseRouteKey', () => {
  it('parses $default, literal paths, variables and a final greedy variable', () => {
    expect(parseRouteKey('$default')).toEqual({ kind: 'default' });
    expect(parseRouteKey('GET /')).toEqual({ kind: 'route', method: 'GET', segments: [] });
    expect(parseRouteKey('ANY /pets/{petId}/{proxy+}')).toEqual({
      kind: 'route',
      method: 'ANY',
      segments: [
        { kind: 'literal', value: 'pets' },
        { kind: 'variable', name: 'petId' },
        { kind: 'greedy', name: 'proxy' },
      ],
    });
  });

  it.each([
    ['GET/pets', 'must be "$default" or "METHOD /path"'],
    ['get /pets', 'must be "$default" or "METHOD /path"'],
    ['FETCH /pets', 'unknown method FETCH'],
    ['GET /pets/', 'must not end with "/"'],
    ['GET /pets//dog', 'empty segments'],
    ['GET /{proxy+}/x', 'must be the last path segment'],
    ['GET /a{id}', 'must be a whole segment'],
    ['GET /{id}/{id}', 'appears twice'],
    ['$DEFAULT', 'must be "$default"'],
  ])('refuses %s', (key, message) => {
    expect(() => parseRouteKey(key)).toThrow(message);
  });

  it('gives routes that differ only in variable names the same shape', () => {
    expect(routeShape(parseRouteKey('GET /pets/{id}'))).toBe(
      routeShape(parseRouteKey('GET /pets/{name}')),
    );
    expect(routeShape(parseRouteKey('GET /pets/{id}'))).not.toBe(
      routeShape(parseRouteKey('POST /pets/{id}')),
    );
  });
});
