import type { CorsSettings } from './config/types.js';
import type { GatewayResponse } from './errors.js';

/**
 * The gateway's view of CORS: answer a preflight, and put the configured headers on a response.
 * The rules themselves live in `cors/`; this seam lets the pipeline run without CORS configured
 * (then nothing is added: AWS invents no CORS headers for an API without a CORS configuration,
 * unlike serverless-offline, which reflects any Origin; research note section 3.5).
 */
export interface CorsHooks {
  /** The preflight answer, or `undefined` when the request is not a preflight. */
  preflight(method: string, headers: Record<string, string>): GatewayResponse | undefined;
  /** The response with backend CORS headers replaced by the configured ones. */
  apply(requestHeaders: Record<string, string>, response: GatewayResponse): GatewayResponse;
}

type Headers = Record<string, string | string[]>;

/** The CORS functions of `cors/index.ts`, as the gateway calls them. */
export interface CorsFunctions {
  preflight(
    config: CorsSettings,
    method: string,
    headers: Record<string, string>,
  ): { status: number; headers: Record<string, string> } | undefined;
  applyCors(
    config: CorsSettings,
    requestHeaders: Record<string, string>,
    responseHeaders: Headers,
  ): Headers;
}

/**
 * Binds the CORS functions to a configuration.
 *
 * @example
 * const hooks = corsHooks(await import('./cors/index.js'), { allowOrigins: ['https://a.example'] });
 */
export function corsHooks(functions: CorsFunctions, config: CorsSettings): CorsHooks {
  return {
    preflight(method, headers) {
      const answer = functions.preflight(config, method, headers);
      if (!answer) return undefined;
      return { statusCode: answer.status, headers: { ...answer.headers }, body: Buffer.alloc(0) };
    },
    apply(requestHeaders, response) {
      return {
        ...response,
        headers: functions.applyCors(config, requestHeaders, response.headers),
      };
    },
  };
}
