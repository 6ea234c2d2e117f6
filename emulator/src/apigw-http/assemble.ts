import type { Authorizer } from './auth/types.js';
import {
  loadGatewayConfig,
  validateGatewayConfig,
  type CorsSettings,
  type GatewayConfig,
  type JwtAuthorizerSettings,
  type LambdaAuthorizerSettings,
} from './config/index.js';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import { DEFAULT_FUNCTION_SETTINGS, type FunctionSettings } from './context.js';
import { corsHooks, type CorsHooks } from './corsHooks.js';
import { InProcessInvoker, type Invoker } from './invoker.js';
import type { GatewayOptions } from './options.js';
import type { PipelineSettings } from './pipeline.js';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from './response.js';
import { createRouter } from './routing/index.js';
import { StageThrottle } from './throttle.js';

export interface Assembled {
  settings: PipelineSettings;
  /** Closes what was built here: function pools and authorizers (not a caller's own invoker). */
  close(): Promise<void>;
}

type Closable = { close?(): Promise<void> | void };

/**
 * Turns `startGateway` options into the pipeline's settings. The Lambda pool, authorizers and CORS
 * are loaded with `import()` only when the config asks for them, so `startGateway({ handler })`
 * loads none of them.
 */
export async function assemble(options: GatewayOptions): Promise<Assembled> {
  const config = await readConfig(options.config);
  const fn = functionSettings(config, options.fn);
  const log = options.log ?? ((line: string) => console.error(line));
  const cors = config.cors && (await buildCors(config.cors));
  const owned: Closable[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(owned.map((item) => item.close?.()));
  };
  try {
    const invoker = await chooseInvoker(options, config, fn, owned, log);
    const authorizers = await buildAuthorizers(config, options.authorizers ?? {}, owned, log);
    const settings: PipelineSettings = {
      stage: config.stage,
      ...(config.stageVariables && { stageVariables: config.stageVariables }),
      router: createRouter(config.routes),
      throttle: new StageThrottle(config.throttle, config.routes),
      authorizers,
      ...(cors && { cors }),
      invoker,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      maxEventBytes: options.maxEventBytes ?? LAMBDA_RESPONSE_LIMIT_BYTES,
      api: { accountId: fn.accountId, apiId: 'windtunnel', ...options.api },
      fn,
      log,
    };
    return { settings, close };
  } catch (err) {
    await close(); // a pool already built must not outlive a failed start
    throw err;
  }
}

async function buildCors(settings: CorsSettings): Promise<CorsHooks> {
  const cors = await import('./cors/index.js');
  return corsHooks(cors, cors.validateCorsConfig(settings));
}

function readConfig(config: GatewayOptions['config']): Promise<GatewayConfig> | GatewayConfig {
  if (typeof config === 'string') return loadGatewayConfig(config);
  return validateGatewayConfig(config ?? {});
}

/** The handler's `context`: defaults, then `config.function` (Lambda's 3 s default timeout), then `fn`. */
function functionSettings(
  config: GatewayConfig,
  fn: Partial<FunctionSettings> = {},
): FunctionSettings {
  const f = config.function;
  return {
    ...DEFAULT_FUNCTION_SETTINGS,
    ...(f && {
      functionName: f.name ?? DEFAULT_FUNCTION_SETTINGS.functionName,
      memoryLimitInMB: f.memoryMB ?? DEFAULT_FUNCTION_SETTINGS.memoryLimitInMB,
      timeoutMs: f.timeoutMs ?? 3_000,
    }),
    ...fn,
  };
}

async function chooseInvoker(
  options: GatewayOptions,
  config: GatewayConfig,
  fn: FunctionSettings,
  owned: Closable[],
  log: (line: string) => void,
): Promise<Invoker> {
  if (options.invoker && options.handler) {
    throw new TypeError('Pass either handler or invoker to startGateway, not both');
  }
  if (options.invoker) return options.invoker;
  if (options.handler) return new InProcessInvoker(options.handler);
  if (!config.function) {
    throw new TypeError('startGateway needs a handler or an invoker, or a config with "function"');
  }
  const { LambdaFunctionPool, moduleEnvironments } = await import('../lambda/index.js');
  const f = config.function;
  const pool = new LambdaFunctionPool(
    {
      name: fn.functionName,
      timeoutMs: fn.timeoutMs,
      memoryMB: fn.memoryLimitInMB,
      region: fn.region,
      accountId: fn.accountId,
      ...(f.reservedConcurrency !== undefined && { reservedConcurrency: f.reservedConcurrency }),
      ...(f.idleTimeoutMs !== undefined && { idleTimeoutMs: f.idleTimeoutMs }),
    },
    moduleEnvironments(f.handler),
    { log },
  );
  owned.push(pool);
  return pool;
}

async function buildAuthorizers(
  config: GatewayConfig,
  given: Record<string, Authorizer>,
  owned: Closable[],
  log: (line: string) => void,
): Promise<Map<string, Authorizer>> {
  const built = new Map<string, Authorizer>();
  for (const [name, settings] of Object.entries(config.authorizers)) {
    const ready = given[name];
    const authorizer =
      ready ??
      (settings.type === 'JWT'
        ? await jwtAuthorizer(name, settings)
        : await lambdaAuthorizer(name, settings, owned, log));
    if (!ready) owned.push(authorizer);
    built.set(name, authorizer);
  }
  return built;
}

async function jwtAuthorizer(name: string, settings: JwtAuthorizerSettings): Promise<Authorizer> {
  const { createJwtAuthorizer } = await import('./auth/index.js');
  const { identitySource, jwks, ...rest } = settings;
  return createJwtAuthorizer({
    name,
    ...rest,
    jwks: jwks as Parameters<typeof createJwtAuthorizer>[0]['jwks'],
    ...(identitySource?.[0] !== undefined && { identitySource: identitySource[0] }),
  });
}

/**
 * A Lambda authorizer whose function runs in its own pool, like any other Lambda function; the
 * pool's function timeout is the authorizer's timeout (default 10 s, AWS's quota).
 */
async function lambdaAuthorizer(
  name: string,
  settings: LambdaAuthorizerSettings,
  owned: Closable[],
  log: (line: string) => void,
): Promise<Authorizer> {
  const [{ createLambdaAuthorizer }, { LambdaFunctionPool, moduleEnvironments }] =
    await Promise.all([import('./auth/index.js'), import('../lambda/index.js')]);
  const { handler, ...rest } = settings;
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const pool = new LambdaFunctionPool({ name, timeoutMs }, moduleEnvironments(handler), { log });
  owned.push(pool);
  return createLambdaAuthorizer({ name, ...rest }, (event) => pool.invoke(event));
}
