/**
 * Which stage and route a request belongs to, the way API Gateway decides it.
 *
 * @example
 * const route = createRouter(config.routes);
 * const below = pathInStage(config.stage, '/dev/pets/7'); // '/pets/7'
 * const match = below === undefined ? undefined : route('GET', below);
 */
export { createRouter, type RouteMatch, type Router } from './router.js';
export { pathInStage } from './stage.js';
