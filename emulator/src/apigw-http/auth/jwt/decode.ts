/** A compact JWS split into its parts; nothing in it is trusted yet. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `<header>.<payload>` exactly as received: the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

// Node's base64url decoder skips characters it does not know; a token must not get through by that.
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Splits and decodes `header.payload.signature`. Returns `undefined` for anything that is not
 * three base64url parts whose first two are JSON objects (AWS: "API Gateway decodes the JWT" is the
 * first step; a token that does not decode is refused like any other invalid token).
 *
 * @example
 * decodeJwt('eyJhbGciOi...'); // { header: { alg: 'RS256', kid }, payload: { iss, ... }, ... }
 */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  const decodedHeader = jsonObject(header);
  const decodedPayload = jsonObject(payload);
  if (!decodedHeader || !decodedPayload || !isBase64Url(signature)) return undefined;
  return {
    header: decodedHeader,
    payload: decodedPayload,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

function isBase64Url(part: string): boolean {
  // A length of 4n+1 cannot come from any byte string.
  return BASE64URL.test(part) && part.length % 4 !== 1;
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  if (part === '' || !isBase64Url(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    return isObject ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
