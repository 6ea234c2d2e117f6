import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { GatewayConfigError } from './checker.js';
import type { GatewayConfig } from './types.js';
import { validateGatewayConfig } from './validate.js';

/**
 * Reads, parses and validates a gateway config file. Relative files inside it (`function.handler`,
 * authorizer `handler`s, `jwks.file`) are made absolute against the file's own folder, so the same
 * file works whatever directory windtunnel is started from.
 *
 * @example
 * const config = await loadGatewayConfig('test/fixtures/apigw/gateway.example.json');
 */
export async function loadGatewayConfig(file: string): Promise<GatewayConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new GatewayConfigError([`cannot read the file: ${(err as Error).message}`], file);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new GatewayConfigError([`is not valid JSON: ${(err as Error).message}`], file);
  }
  return resolveFiles(validateGatewayConfig(raw, file), dirname(resolve(file)));
}

/** A copy of `config` whose relative file references are absolute against `baseDir`. */
export function resolveFiles(config: GatewayConfig, baseDir: string): GatewayConfig {
  const authorizers = Object.fromEntries(
    Object.entries(config.authorizers).map(([name, a]) => {
      if (a.type === 'REQUEST') return [name, { ...a, handler: absoluteSpec(a.handler, baseDir) }];
      if ('file' in a.jwks) return [name, { ...a, jwks: { file: absolute(a.jwks.file, baseDir) } }];
      return [name, a];
    }),
  );
  return {
    ...config,
    authorizers,
    ...(config.function && {
      function: { ...config.function, handler: absoluteSpec(config.function.handler, baseDir) },
    }),
  };
}

/** `<file>#<export>` with its file part made absolute; the export part is kept as written. */
function absoluteSpec(spec: string, baseDir: string): string {
  const hash = spec.lastIndexOf('#');
  return hash === -1
    ? absolute(spec, baseDir)
    : `${absolute(spec.slice(0, hash), baseDir)}${spec.slice(hash)}`;
}

function absolute(file: string, baseDir: string): string {
  return isAbsolute(file) ? file : resolve(baseDir, file);
}
