import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { JwksError } from './jwks.js';

export interface JwksFetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

/**
 * GETs a JWKS URL within AWS's quotas for HTTP API JWT authorizers: 1500 ms for the whole
 * exchange and at most 150000 bytes of response (doc_source/limits.md, "JWKS timeout" and
 * "JWKS response size"). Anything else (a non-2xx status, a bigger or slower answer, non-JSON)
 * throws a `JwksError`, which the authorizer turns into a 401.
 *
 * @example
 * const json = await fetchJwks('https://issuer/.well-known/jwks.json', { timeoutMs: 1500, maxBytes: 150_000 });
 */
export async function fetchJwks(url: string, limits: JwksFetchLimits): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetch(url, {
      signal: controller.signal,
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new JwksError(`JWKS ${url} answered HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > limits.maxBytes) throw tooLarge(url, limits.maxBytes);
    const text = await readLimited(response.body, limits.maxBytes, url);
    return parseJson(text, url);
  } catch (err) {
    if (err instanceof JwksError) throw err;
    const why = controller.signal.aborted ? `no answer within ${limits.timeoutMs} ms` : String(err);
    throw new JwksError(`JWKS ${url}: ${why}`);
  } finally {
    clearTimeout(timer);
    controller.abort(); // release the socket of an answer we stopped reading
  }
}

/** Reads a JWKS file (relative to `cwd`), so `windtunnel token --jwks > jwks.json` works as is. */
export async function readJwksFile(file: string, cwd: string): Promise<unknown> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new JwksError(`JWKS file ${path}: ${(err as Error).message}`);
  }
  return parseJson(text, path);
}

async function readLimited(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  url: string,
): Promise<string> {
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(url: string, maxBytes: number): JwksError {
  return new JwksError(`JWKS ${url} is larger than ${maxBytes} bytes`);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new JwksError(`JWKS ${where} is not JSON`);
  }
}
