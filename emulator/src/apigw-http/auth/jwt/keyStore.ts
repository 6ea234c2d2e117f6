import type { JwksSource } from './config.js';
import { fetchJwks, readJwksFile, type JwksFetchLimits } from './jwksFetch.js';
import { parseJwks, selectKey, type PublicJwk } from './jwks.js';

export type KeyLookup =
  { found: PublicJwk } | { problem: 'unknown-key' } | { problem: 'unavailable'; detail: string };

export interface KeyStoreSettings extends JwksFetchLimits {
  cacheMs: number;
  cwd: string;
  now: () => number;
}

/**
 * The issuer's keys, loaded on first use and kept for `cacheMs`. A token whose `kid` is not in the
 * cached set triggers one reload before it is refused: that is how a key rotation at the issuer
 * reaches us without waiting for the cache to expire. Concurrent reloads share one fetch.
 *
 * Inline `keys` never change, so they are never reloaded. A file is re-read like a URL is
 * re-fetched, so re-running `windtunnel token --jwks` needs no restart.
 *
 * @example
 * const store = createKeyStore({ url: 'http://127.0.0.1:9000/jwks.json' }, settings);
 * const lookup = await store.find('my-kid'); // { found: { kid, key } }
 */
export function createKeyStore(source: JwksSource, settings: KeyStoreSettings): KeyStore {
  if ('keys' in source)
    return new KeyStore(async () => ({ keys: source.keys }), Infinity, settings);
  const load =
    'url' in source
      ? () => fetchJwks(source.url, settings)
      : () => readJwksFile(source.file, settings.cwd);
  return new KeyStore(load, settings.cacheMs, settings);
}

export class KeyStore {
  private keys: PublicJwk[] | undefined;
  private loadedAt = 0;
  private loading: Promise<PublicJwk[]> | undefined;

  constructor(
    private readonly load: () => Promise<unknown>,
    private readonly cacheMs: number,
    private readonly settings: { now: () => number },
  ) {}

  async find(kid: unknown): Promise<KeyLookup> {
    let keys = this.keys;
    const stale = keys === undefined || this.settings.now() - this.loadedAt >= this.cacheMs;
    try {
      if (stale) keys = await this.reload();
      let found = selectKey(keys ?? [], kid);
      if (!found && !stale && this.cacheMs !== Infinity)
        found = selectKey(await this.reload(), kid);
      return found ? { found } : { problem: 'unknown-key' };
    } catch (err) {
      return { problem: 'unavailable', detail: (err as Error).message };
    }
  }

  private reload(): Promise<PublicJwk[]> {
    this.loading ??= this.load()
      .then(parseJwks)
      .then((keys) => {
        this.keys = keys;
        this.loadedAt = this.settings.now();
        return keys;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}
