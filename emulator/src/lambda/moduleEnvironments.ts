import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Handler } from 'aws-lambda';
import { HandlerLoadError, parseHandlerSpec } from '../apigw-http/loadHandler.js';
import type { EnvironmentFactory } from './environment.js';

const require = createRequire(import.meta.url);

/** Process-wide, so two factories for the same file never share an instance either. */
let instances = 0;

/**
 * A factory that loads a handler module (`<file>#<export>`, export default `handler`) afresh for
 * every environment, so module-level state (clients, caches, the app's lazy start: the cold start)
 * is per environment, as in Lambda where each environment is its own process.
 *
 * How: Node caches an ES module by its URL, so each environment imports the file URL with a new
 * query (`?environment=<n>`) and gets a new instance. A CommonJS module is cached by file name
 * (`require.cache`), which a query does not change; its cache entry is deleted before each import,
 * so it is evaluated again too (checked on Node 20 by the tests).
 *
 * Differences from Lambda:
 * - Only the entry module is fresh; the modules it imports are shared by all environments, and so
 *   are `process.env` and globals. Keep per-environment state in the entry module.
 * - Node's ES module cache cannot be emptied: every cold start keeps one more module instance in
 *   memory until the process ends.
 * - No `shutdown`: a Lambda module has no such hook, so its resources live until the process exits.
 *
 * @example
 * const pool = new LambdaFunctionPool(config, moduleEnvironments('dist/app/src/lambda.js#handler'));
 */
export function moduleEnvironments(spec: string, cwd: string = process.cwd()): EnvironmentFactory {
  const { file, exportName } = parseHandlerSpec(spec, cwd);
  return async () => {
    await access(file).catch(() => {
      throw new HandlerLoadError(`Handler file not found: ${file}`);
    });
    delete require.cache[file];
    const url = `${pathToFileURL(file).href}?environment=${++instances}`;
    let mod: Record<string, unknown>;
    try {
      mod = (await import(url)) as Record<string, unknown>;
    } catch (err) {
      const message = `Could not import handler file ${file}: ${(err as Error).message}`;
      throw new HandlerLoadError(message, { cause: err });
    }
    return { handler: handlerExport(mod, exportName, file) };
  };
}

/** The named export, or for CommonJS that Node cannot analyse, the property of `module.exports`. */
function handlerExport(mod: Record<string, unknown>, name: string, file: string): Handler {
  const exports = mod.default;
  const candidate =
    name in mod
      ? mod[name]
      : typeof exports === 'object' && exports !== null
        ? (exports as Record<string, unknown>)[name]
        : undefined;
  if (typeof candidate === 'function') return candidate as Handler;
  if (candidate === undefined) {
    const names = Object.keys(mod).sort().join(', ') || 'none';
    throw new HandlerLoadError(`${file} has no export "${name}" (exports: ${names})`);
  }
  throw new HandlerLoadError(
    `Export "${name}" of ${file} is a ${typeof candidate}, not a function`,
  );
}
