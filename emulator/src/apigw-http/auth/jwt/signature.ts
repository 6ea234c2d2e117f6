import { constants, verify, type KeyObject } from 'node:crypto';

/**
 * The only algorithms accepted: RSASSA-PKCS1-v1_5 with SHA-2. AWS: "API Gateway supports only
 * RSA-based algorithms" (doc http-api-jwt-authorizer). Listing them rather than trusting the
 * header's `alg` is what refuses `alg: none` and the classic HS256 confusion, where an attacker
 * signs with HMAC using the *public* key as the secret.
 */
const HASH_OF_ALG: Readonly<Record<string, string>> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
};

export function isSupportedAlgorithm(alg: unknown): alg is string {
  return typeof alg === 'string' && Object.hasOwn(HASH_OF_ALG, alg);
}

/**
 * Signatures already verified, per key: a device sends the same token with every reading, and an
 * RSA verification costs more than the rest of the gateway's work on a request. Only the exact
 * bytes verified before under the same key object are remembered (the claims are checked on
 * every request by the caller); a rotated key is a new object, so nothing carries over.
 */
const VERIFIED_PER_KEY = 10_000;
const verified = new WeakMap<KeyObject, Set<string>>();

/**
 * Checks an RS256/384/512 signature with node:crypto. A key that is not an RSA public key, or a
 * signature node:crypto cannot process, is simply "not verified".
 *
 * @example
 * verifyRsaSignature('RS256', 'eyJ...header.eyJ...payload', signatureBytes, publicKey); // true
 */
export function verifyRsaSignature(
  alg: string,
  signingInput: string,
  signature: Buffer,
  key: KeyObject,
): boolean {
  const hash = HASH_OF_ALG[alg];
  if (!hash || key.type !== 'public' || key.asymmetricKeyType !== 'rsa') return false;
  let known = verified.get(key);
  const id = `${alg}.${signingInput}.${signature.toString('base64')}`;
  if (known?.has(id)) return true;
  try {
    const ok = verify(
      hash,
      Buffer.from(signingInput, 'utf8'),
      { key, padding: constants.RSA_PKCS1_PADDING },
      signature,
    );
    if (ok) {
      if (!known || known.size >= VERIFIED_PER_KEY) verified.set(key, (known = new Set()));
      known.add(id);
    }
    return ok;
  } catch {
    return false;
  }
}
