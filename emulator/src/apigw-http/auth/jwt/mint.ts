import { createHash, createPublicKey, sign, type KeyObject } from 'node:crypto';

/** A JWT payload: registered claims (`iss`, `aud`, `exp`, ...) and any others. */
export type JwtClaims = Record<string, unknown>;

/** The public JWK of a key pair, with only the public members (`n`, `e`): never `d`, `p`, `q`... */
export interface PublicRsaJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

/**
 * Signs `claims` as an RS256 JWT with `kid` in its header: the tokens an issuer like Cognito or
 * Auth0 hands out, for local use (`windtunnel token`) and for tests.
 *
 * @example
 * const token = mintToken(privateKey, jwkThumbprint(publicKey), { iss, aud: 'windtunnel', exp });
 */
export function mintToken(privateKey: KeyObject, kid: string, claims: JwtClaims): string {
  const header = encode({ alg: 'RS256', typ: 'JWT', kid });
  const payload = encode(claims);
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/**
 * The RFC 7638 thumbprint of an RSA key: SHA-256 over `{"e":..,"kty":"RSA","n":..}` (required
 * members, lexicographic order, no whitespace), base64url. A stable `kid` that changes exactly
 * when the key does.
 */
export function jwkThumbprint(key: KeyObject): string {
  const { e, n } = rsaMembers(key);
  const canonical = JSON.stringify({ e, kty: 'RSA', n });
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * The JWK Set publishing `key`'s public half (a private key is reduced to its public key first),
 * ready for a JWT authorizer's `jwks`.
 *
 * @example
 * jwksOf(publicKey); // { keys: [{ kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' }] }
 */
export function jwksOf(key: KeyObject): { keys: PublicRsaJwk[] } {
  const { n, e } = rsaMembers(key);
  return { keys: [{ kty: 'RSA', n, e, kid: jwkThumbprint(key), alg: 'RS256', use: 'sig' }] };
}

function rsaMembers(key: KeyObject): { n: string; e: string } {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') {
    throw new TypeError('expected an RSA key');
  }
  return { n: jwk.n, e: jwk.e };
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
