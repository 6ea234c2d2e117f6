/**
 * CORS for the HTTP API shim, as pure functions (AWS doc http-api-cors):
 * - `preflight(config, method, headers)`: the gateway's own answer to a preflight, called before
 *   route matching; `undefined` when the request is not a preflight.
 * - `applyCors(config, requestHeaders, responseHeaders)`: the integration's response headers with
 *   backend CORS headers removed and the configured ones added; `config` undefined = untouched.
 * - `validateCorsConfig(config)`: refuses what CreateApi refuses (credentials with `*`).
 *
 * @example
 * import { applyCors, preflight, validateCorsConfig } from './cors/index.js';
 * const cors = validateCorsConfig({ allowOrigins: ['http://localhost:5173'], allowMethods: ['GET', 'POST'] });
 * const answer = preflight(cors, req.method, event.headers);
 * if (answer) return answer; // 204 + access-control-* headers
 * response.headers = applyCors(cors, event.headers, response.headers);
 */
export { preflight, type PreflightAnswer } from './preflight.js';
export { applyCors } from './applyCors.js';
export { validateCorsConfig, CorsConfigError, type CorsConfig } from './config.js';
