import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Handler } from 'aws-lambda';

/** Thrown when a handler spec cannot be turned into a function; the message names file and export. */
export class HandlerLoadError extends Error {
  override readonly name = 'HandlerLoadError';
}

export interface HandlerSpec {
  /** Absolute path of the module. */
  file: string;
  exportName: string;
}

/**
 * Parses `<file>#<export>`; the export defaults to `handler`, Lambda's usual name. The file is
 * resolved against `cwd`. We use `#` rather than Lambda's `file.export` because a dot is ambiguous
 * with file extensions (`dist/lambda.js`).
 */
export function parseHandlerSpec(spec: string, cwd: string = process.cwd()): HandlerSpec {
  const hash = spec.lastIndexOf('#');
  const file = hash === -1 ? spec : spec.slice(0, hash);
  const exportName = hash === -1 ? 'handler' : spec.slice(hash + 1);
  if (file === '' || exportName === '') {
    throw new HandlerLoadError(`Handler spec "${spec}" must look like <file>#<export>`);
  }
  return { file: resolve(cwd, file), exportName };
}

/**
 * Loads any Lambda handler module with a dynamic `import()` of its file URL (ESM or CommonJS).
 * For CommonJS modules whose exports Node cannot detect statically, the export is also looked up
 * on `module.exports` (the ESM `default`).
 *
 * @example
 * const handler = await loadHandler('dist/app/src/lambda.js#handler');
 */
export async function loadHandler(spec: string, cwd: string = process.cwd()): Promise<Handler> {
  const { file, exportName } = parseHandlerSpec(spec, cwd);
  await access(file).catch(() => {
    throw new HandlerLoadError(`Handler file not found: ${file}`);
  });
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new HandlerLoadError(`Could not import handler file ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const candidate = exportName in mod ? mod[exportName] : commonJsExport(mod, exportName);
  if (candidate === undefined) {
    const names = Object.keys(mod).sort().join(', ') || 'none';
    throw new HandlerLoadError(`${file} has no export "${exportName}" (exports: ${names})`);
  }
  if (typeof candidate !== 'function') {
    throw new HandlerLoadError(
      `Export "${exportName}" of ${file} is a ${typeof candidate}, not a function`,
    );
  }
  return candidate as Handler;
}

function commonJsExport(mod: Record<string, unknown>, name: string): unknown {
  const exports = mod.default;
  if (typeof exports !== 'object' || exports === null) return undefined;
  return (exports as Record<string, unknown>)[name];
}
