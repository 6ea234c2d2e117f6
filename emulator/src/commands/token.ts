import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { jwksOf, jwkThumbprint, mintToken, type JwtClaims } from '../apigw-http/auth/index.js';

export { jwksOf, mintToken };

export const TOKEN_USAGE = `windtunnel token [--sub <id>] [--scope "<s1> <s2>"] [--turbines "<id1> <id2>"]
                [--expires-in 1h] [--issuer <url>] [--audience <aud>] [--claims k=v,k2=v2]
                [--keys <dir>] [--jwks]
    Prints an RS256 JWT signed by the local dev key (created in --keys, default .windtunnel/keys,
    on first use), or with --jwks the JWK Set (public key only) a JWT authorizer trusts.
`;

const DEFAULTS = {
  keys: '.windtunnel/keys',
  issuer: 'https://windtunnel.local/',
  audience: 'windtunnel',
  expiresIn: '1h',
} as const;

const FLAGS = [
  'keys',
  'jwks',
  'issuer',
  'audience',
  'sub',
  'scope',
  'turbines',
  'expires-in',
  'claims',
];
// Set by their own flags; through --claims they would arrive as strings and break the token.
const RESERVED_CLAIMS = ['iss', 'aud', 'exp', 'iat', 'nbf'];
const PRIVATE_KEY_FILE = 'private-key.pem';

/** The dev signing key pair; `kid` is the public key's RFC 7638 thumbprint. */
export interface DevKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  kid: string;
}

export interface TokenIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Milliseconds since the epoch. */
  now: () => number;
}

const processIo: TokenIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  now: Date.now,
};

/**
 * `windtunnel token`: prints a signed test JWT (or, with `--jwks true`, the JWKS to trust) and
 * resolves to the exit code, 2 for a usage error. The private key never leaves its file.
 *
 * @example
 * await tokenCommand({ sub: 'turbine-7', turbines: 'T-007 T-008', 'expires-in': '30m' });
 */
export async function tokenCommand(
  flags: Record<string, string>,
  io: TokenIo = processIo,
): Promise<number> {
  try {
    const unknown = Object.keys(flags).filter((flag) => !FLAGS.includes(flag));
    if (unknown.length > 0) throw new UsageError(`unknown flag --${unknown[0]}`);
    const wantsJwks = flags.jwks !== undefined && flags.jwks !== 'false';
    // Claims first: a usage error must not leave a freshly created key directory behind.
    const claims = wantsJwks ? undefined : tokenClaims(flags, Math.floor(io.now() / 1000));
    const keys = await loadOrCreateKeys(resolve(io.cwd, flags.keys ?? DEFAULTS.keys));
    const output = claims
      ? mintToken(keys.privateKey, keys.kid, claims)
      : JSON.stringify(jwksOf(keys.publicKey), null, 2);
    io.stdout(`${output}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`windtunnel token: ${err.message}\n\n${TOKEN_USAGE}`);
    return 2;
  }
}

/**
 * The dev key pair kept in `dir`: created on first use (directory 0700, private key 0600, plus a
 * `jwks.json` with the public key for a JWT authorizer's `jwks.file`), then reused, so tokens
 * minted earlier stay valid. Two processes racing to create it end up sharing one key.
 */
export async function loadOrCreateKeys(dir: string): Promise<DevKeys> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, PRIVATE_KEY_FILE);
  const pem = (await readIfExists(path)) ?? (await createKeyFile(path));
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const jwksPath = join(dir, 'jwks.json');
  if ((await readIfExists(jwksPath)) === undefined) {
    await writeFile(jwksPath, `${JSON.stringify(jwksOf(publicKey), null, 2)}\n`, { mode: 0o644 });
  }
  return { privateKey, publicKey, kid: jwkThumbprint(publicKey) };
}

async function createKeyFile(path: string): Promise<string> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(path, pem, { mode: 0o600, flag: 'wx' });
    return pem;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return readFile(path, 'utf8'); // another process won the race: use its key
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function tokenClaims(flags: Record<string, string>, nowSeconds: number): JwtClaims {
  const extra = parseClaims(flags.claims);
  return {
    ...extra,
    iss: flags.issuer ?? DEFAULTS.issuer,
    aud: flags.audience ?? DEFAULTS.audience,
    ...(flags.sub !== undefined && { sub: flags.sub }),
    iat: nowSeconds,
    exp: nowSeconds + parseDuration(flags['expires-in'] ?? DEFAULTS.expiresIn),
    ...(flags.scope !== undefined && { scope: flags.scope }),
    ...(flags.turbines !== undefined && { turbines: flags.turbines }),
  };
}

/** `90`, `90s`, `30m`, `1h`, `7d` -> seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match?.[2] ?? ''];
  if (!match || seconds === undefined || Number(match[1]) === 0) {
    throw new UsageError(`--expires-in "${text}" must look like 90s, 30m, 1h or 7d`);
  }
  return Number(match[1]) * seconds;
}

/** `k=v,k2=v2` -> `{ k: 'v', k2: 'v2' }`; values stay strings. */
export function parseClaims(text: string | undefined): Record<string, string> {
  const claims = new Map<string, string>();
  for (const pair of (text ?? '').split(',').filter((part) => part.trim() !== '')) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    if (eq <= 0 || name === '') throw new UsageError(`--claims entry "${pair}" must be key=value`);
    if (RESERVED_CLAIMS.includes(name)) {
      throw new UsageError(`--claims cannot set ${name}; use --issuer, --audience or --expires-in`);
    }
    claims.set(name, pair.slice(eq + 1));
  }
  return Object.fromEntries(claims);
}

class UsageError extends Error {}
