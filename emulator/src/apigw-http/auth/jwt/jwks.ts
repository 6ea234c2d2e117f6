import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A public key from a JWK Set, with the `kid` and `alg` it was published under. */
export interface PublicJwk {
  kid?: string;
  alg?: string;
  key: KeyObject;
}

/** The JWKS could not be read, fetched or understood. */
export class JwksError extends Error {
  override readonly name = 'JwksError';
}

/**
 * Imports the usable keys of a JWK Set (`{"keys": [...]}`): RSA keys meant for signatures. Other
 * keys (EC, `oct`, `use: "enc"`) and keys node:crypto cannot import are skipped rather than failing
 * the whole set, the way a set that also carries encryption keys still works for signatures.
 * A private JWK yields only its public half.
 *
 * @example
 * parseJwks({ keys: [{ kty: 'RSA', kid: 'k1', n: '...', e: 'AQAB' }] }); // [{ kid: 'k1', key }]
 */
export function parseJwks(json: unknown): PublicJwk[] {
  const keys = (json as { keys?: unknown } | null)?.keys;
  if (typeof json !== 'object' || json === null || !Array.isArray(keys)) {
    throw new JwksError('not a JWK Set: expected {"keys": [...]}');
  }
  return keys.flatMap((jwk: unknown) => {
    const imported = importJwk(jwk);
    return imported ? [imported] : [];
  });
}

function importJwk(jwk: unknown): PublicJwk | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const { kty, use, kid, alg } = jwk as Record<string, unknown>;
  if (kty !== 'RSA' || (use !== undefined && use !== 'sig')) return undefined;
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return {
      key,
      ...(typeof kid === 'string' && { kid }),
      ...(typeof alg === 'string' && { alg }),
    };
  } catch {
    return undefined;
  }
}

/**
 * The key a token names. With a `kid`, the key published under it. Without one we take the only
 * key of a one-key set: our choice (AWS only documents that "the token must have a header claim
 * that matches the key in the jwks_uri"), so single-key dev setups work; with several keys a
 * token without `kid` is refused.
 */
export function selectKey(keys: readonly PublicJwk[], kid: unknown): PublicJwk | undefined {
  if (typeof kid === 'string') return keys.find((candidate) => candidate.kid === kid);
  if (kid !== undefined) return undefined;
  return keys.length === 1 ? keys[0] : undefined;
}
