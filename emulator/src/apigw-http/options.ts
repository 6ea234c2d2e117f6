import type { Handler } from 'aws-lambda';
import type { Authorizer } from './auth/types.js';
import type { GatewayConfigInput } from './config/types.js';
import type { FunctionSettings } from './context.js';
import type { ApiIdentity } from './event.js';
import type { Invoker } from './invoker.js';

export interface GatewayOptions {
  /** The Lambda handler to run in process; give this, `invoker`, or `config.function`. */
  handler?: Handler;
  /** How to invoke the function; wins over `config.function` (so tests can swap the function). */
  invoker?: Invoker;
  /**
   * The route table, stage, throttling, authorizers and CORS: a config object or the path of a
   * JSON file (see `config/types.ts`). Without it: one `$default` route on the `$default` stage,
   * no authorizer, no CORS, default throttling.
   */
  config?: GatewayConfigInput | string;
  /** Ready authorizers by name, used instead of building the config's entry of the same name. */
  authorizers?: Record<string, Authorizer>;
  /** 0 picks a free port; the real one is in the result. */
  port: number;
  /** Defaults to `127.0.0.1`; pass `0.0.0.0` to listen on every interface. */
  host?: string;
  /** Default 10 MB (10,485,760 bytes), the HTTP API payload quota. */
  maxBodyBytes?: number;
  /** Default 6 MiB, Lambda's invoke limit, applied to the event's JSON size. */
  maxEventBytes?: number;
  /** Ids in `requestContext`; defaults: account `000000000000`, api `windtunnel`, host as domain. */
  api?: Partial<ApiIdentity>;
  /** What the handler's `context` says about the function (overrides `config.function`). */
  fn?: Partial<FunctionSettings>;
  /** One line per refused request, failed invocation or malformed result, with the request id. Default: stderr. */
  log?: (line: string) => void;
}
