import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandlerLoadError } from '../apigw-http/loadHandler.js';
import { moduleEnvironments } from './moduleEnvironments.js';
import { LambdaFunctionPool } from './pool.js';

// Module-level state, as a Lambda module keeps its clients: `instance` identifies one evaluation of
// the module, `calls` counts the invocations that evaluation served.
const ESM_FIXTURE = `
let calls = 0;
const instance = Math.random();
export async function handler() {
  calls += 1;
  return { instance, calls };
}
export const notAFunction = 42;
`;

const CJS_FIXTURE = `
let calls = 0;
const instance = Math.random();
exports.handler = async () => {
  calls += 1;
  return { instance, calls };
};
`;

let dir: string;
const context = {} as Context;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'windtunnel-lambda-'));
  await writeFile(join(dir, 'counter.mjs'), ESM_FIXTURE);
  await writeFile(join(dir, 'counter.cjs'), CJS_FIXTURE);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Answer = { instance: number; calls: number };

describe('moduleEnvironments', () => {
  it.each(['counter.mjs', 'counter.cjs'])(
    'gives every environment a fresh instance of %s',
    async (file) => {
      const factory = moduleEnvironments(`${file}#handler`, dir);

      const one = await factory();
      const two = await factory();
      const a1 = (await one.handler({}, context, () => undefined)) as Answer;
      const a2 = (await one.handler({}, context, () => undefined)) as Answer;
      const b1 = (await two.handler({}, context, () => undefined)) as Answer;

      expect([a1.calls, a2.calls, b1.calls]).toEqual([1, 2, 1]);
      expect(a2.instance).toBe(a1.instance);
      expect(b1.instance).not.toBe(a1.instance);
    },
  );

  it('keeps module state per environment behind a pool', async () => {
    const pool = new LambdaFunctionPool({}, moduleEnvironments('counter.mjs', dir));

    const [x, y] = (await Promise.all([pool.invoke({}), pool.invoke({})])) as Answer[];
    const warm = (await pool.invoke({})) as Answer;

    expect([x!.calls, y!.calls]).toEqual([1, 1]);
    expect(x!.instance).not.toBe(y!.instance);
    expect(warm.calls).toBe(2);
  });

  it('names the file and the exports when the handler cannot be loaded', async () => {
    await expect(moduleEnvironments('missing.mjs', dir)()).rejects.toThrow(HandlerLoadError);
    await expect(moduleEnvironments('counter.mjs#nope', dir)()).rejects.toThrow(
      /has no export "nope" \(exports: handler, notAFunction\)/,
    );
    await expect(moduleEnvironments('counter.mjs#notAFunction', dir)()).rejects.toThrow(
      /is a number, not a function/,
    );
  });
});

// Vitest loads modules through its own runner, which re-evaluates a CommonJS file per query string by
// itself; plain Node does not (it caches CommonJS by file name). So the CommonJS handling is only
// tested where it matters: in a plain Node process, on the built module (npm test builds first).
const built = fileURLToPath(
  new URL('../../../dist/emulator/src/lambda/moduleEnvironments.js', import.meta.url),
);

const PLAIN_NODE_SCRIPT = `
const { moduleEnvironments } = await import(process.argv[1]);
const answers = {};
for (const file of ['counter.mjs', 'counter.cjs']) {
  const factory = moduleEnvironments(file + '#handler', process.argv[2]);
  const one = await factory();
  const two = await factory();
  const first = await one.handler({}, {}, () => {});
  const again = await one.handler({}, {}, () => {});
  const other = await two.handler({}, {}, () => {});
  answers[file] = { calls: [first.calls, again.calls, other.calls], shared: first.instance === other.instance };
}
console.log(JSON.stringify(answers));
`;

describe.skipIf(!existsSync(built))('moduleEnvironments under plain Node', () => {
  it('gives every environment a fresh instance of an ES module and of a CommonJS module', async () => {
    const run = promisify(execFile);

    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      PLAIN_NODE_SCRIPT,
      built,
      dir,
    ]);

    const fresh = { calls: [1, 2, 1], shared: false };
    expect(JSON.parse(stdout)).toEqual({ 'counter.mjs': fresh, 'counter.cjs': fresh });
  });
});
