import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlerLoadError, loadHandler, parseHandlerSpec } from './loadHandler.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'windtunnel-handlers-'));
  await writeFile(
    join(dir, 'esm.mjs'),
    'export const handler = async () => "esm";\nexport const other = async () => "other";\nexport const notFn = 42;\n',
  );
  await writeFile(join(dir, 'cjs.cjs'), 'module.exports.handler = async () => "cjs";\n');
  await writeFile(
    join(dir, 'cjsDynamic.cjs'),
    'const name = "handler";\nmodule.exports = { [name]: async () => "dyn" };\n',
  );
  await writeFile(join(dir, 'broken.mjs'), 'export const = ;\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const run = async (spec: string): Promise<unknown> => {
  const handler = await loadHandler(spec, dir);
  return (handler as () => Promise<unknown>)();
};

describe('parseHandlerSpec', () => {
  it('resolves the file against cwd and defaults the export to handler', () => {
    expect(parseHandlerSpec('dist/lambda.js', '/srv')).toEqual({
      file: '/srv/dist/lambda.js',
      exportName: 'handler',
    });
    expect(parseHandlerSpec('a.js#main', '/srv')).toEqual({
      file: '/srv/a.js',
      exportName: 'main',
    });
  });

  it('refuses an empty file or export', () => {
    expect(() => parseHandlerSpec('a.js#')).toThrow(HandlerLoadError);
    expect(() => parseHandlerSpec('#handler')).toThrow(HandlerLoadError);
  });
});

describe('loadHandler', () => {
  it('loads the default handler export of an ES module', async () => {
    await expect(run('esm.mjs')).resolves.toBe('esm');
  });

  it('loads a named export', async () => {
    await expect(run('esm.mjs#other')).resolves.toBe('other');
  });

  it('loads CommonJS exports, also ones Node cannot detect statically', async () => {
    await expect(run('cjs.cjs')).resolves.toBe('cjs');
    await expect(run('cjsDynamic.cjs#handler')).resolves.toBe('dyn');
  });

  it('names the file when it does not exist', async () => {
    await expect(loadHandler('missing.mjs', dir)).rejects.toThrow(
      `Handler file not found: ${join(dir, 'missing.mjs')}`,
    );
  });

  it('names file, export and the exports there are when the export is missing', async () => {
    await expect(loadHandler('esm.mjs#nope', dir)).rejects.toThrow(
      `${join(dir, 'esm.mjs')} has no export "nope" (exports: handler, notFn, other)`,
    );
  });

  it('says what the export is when it is not a function', async () => {
    await expect(loadHandler('esm.mjs#notFn', dir)).rejects.toThrow(
      `Export "notFn" of ${join(dir, 'esm.mjs')} is a number, not a function`,
    );
  });

  it('wraps an import failure with the file name', async () => {
    await expect(loadHandler('broken.mjs', dir)).rejects.toThrow(
      `Could not import handler file ${join(dir, 'broken.mjs')}`,
    );
  });
});
