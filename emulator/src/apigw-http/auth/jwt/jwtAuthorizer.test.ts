import { describe, expect, it } from 'vitest';
import { authRequest } from '../../../../../test/fixtures/jwt/request.js';
import {
  NOW,
  attacker,
  authorizeBearer as authorize,
  expectInvalid,
  jwtAuthorizer as authorizer,
  key,
  tokenFor,
} from '../../../../../test/fixtures/jwt/testbed.js';
import {
  AUDIENCE,
  ISSUER,
  encodePart,
  goodClaims,
  hs256WithPublicKey,
  signedToken,
  unsignedToken,
  without,
} from '../../../../../test/fixtures/jwt/tokens.js';

describe('JWT authorizer: a valid token', () => {
  it('is allowed, with every claim as a string and scopes null on a route without scopes', async () => {
    const token = tokenFor(goodClaims(NOW, { scope: 'telemetry:write', admin: false }));

    const decision = await authorize(token);

    expect(decision).toEqual({
      allow: true,
      authorizer: {
        jwt: {
          claims: {
            iss: ISSUER,
            aud: AUDIENCE,
            sub: 'device-1',
            iat: String(NOW),
            exp: String(NOW + 3600),
            scope: 'telemetry:write',
            admin: 'false',
          },
          scopes: null,
        },
      },
    });
  });

  it('is read with or without the Bearer prefix, in any case', async () => {
    const token = tokenFor(goodClaims(NOW));
    const values = [token, `bearer ${token}`, `BEARER  ${token}`];

    const decisions = await Promise.all(
      values.map((authorization) =>
        authorizer().authorize(authRequest({ headers: { authorization } })),
      ),
    );

    expect(decisions.map((decision) => decision.allow)).toEqual([true, true, true]);
  });

  it('is accepted signed with RS384 and RS512 when the key does not pin an algorithm', async () => {
    const unpinned = without(key.jwk, 'alg');
    const tokens = ['RS384', 'RS512'].map((alg) =>
      signedToken(key.privateKey, goodClaims(NOW), { alg, kid: key.kid }),
    );

    const decisions = await Promise.all(
      tokens.map((token) =>
        authorizer({ jwks: { keys: [unpinned] } }).authorize(
          authRequest({ headers: { authorization: token } }),
        ),
      ),
    );

    expect(decisions.map((decision) => decision.allow)).toEqual([true, true]);
  });

  it('is read from a query-string identity source when configured so', async () => {
    const request = authRequest({ query: { token: tokenFor(goodClaims(NOW)) } });

    const decision = await authorizer({ identitySource: '$request.querystring.token' }).authorize(
      request,
    );

    expect(decision.allow).toBe(true);
  });
});

describe('JWT authorizer: refused tokens', () => {
  it('answers a request without a token with 401 and a bare Bearer challenge', async () => {
    const decisions = await Promise.all([
      authorizer().authorize(authRequest()),
      authorizer().authorize(authRequest({ headers: { authorization: '' } })),
    ]);

    for (const decision of decisions) {
      expect(decision).toMatchObject({
        allow: false,
        status: 401,
        headers: { 'www-authenticate': 'Bearer' },
      });
    }
  });

  it('refuses a token signed by another key published under the same kid (forged)', async () => {
    const forged = signedToken(attacker.privateKey, goodClaims(NOW), {
      alg: 'RS256',
      kid: key.kid,
    });

    expectInvalid(await authorize(forged), 'the token signature is invalid');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = tokenFor(goodClaims(NOW)).split('.');
    const tampered = `${header}.${encodePart(goodClaims(NOW, { sub: 'device-2' }))}.${signature}`;

    expectInvalid(await authorize(tampered), 'the token signature is invalid');
  });

  it('refuses alg "none" with an empty signature', async () => {
    expectInvalid(
      await authorize(unsignedToken(goodClaims(NOW), key.kid)),
      'the token signing algorithm is not supported',
    );
  });

  it('refuses HS256 signed with the public key as the HMAC secret', async () => {
    const confused = hs256WithPublicKey(key.publicKey, goodClaims(NOW), key.kid);

    expectInvalid(await authorize(confused), 'the token signing algorithm is not supported');
  });

  it('refuses a token whose alg differs from the alg its key is published for', async () => {
    const token = signedToken(key.privateKey, goodClaims(NOW), { alg: 'RS512', kid: key.kid });

    expectInvalid(await authorize(token), 'the token signature is invalid');
  });

  it('refuses an expired token, including one expiring this very second', async () => {
    expectInvalid(
      await authorize(tokenFor(goodClaims(NOW, { exp: NOW - 1 }))),
      'the token has expired',
    );
    expectInvalid(
      await authorize(tokenFor(goodClaims(NOW, { exp: NOW }))),
      'the token has expired',
    );
  });

  it('refuses a token without exp', async () => {
    const claims = without(goodClaims(NOW), 'exp');

    expectInvalid(await authorize(tokenFor(claims)), 'the token does not have a valid expiry');
  });

  it('refuses a token that is not valid yet (nbf) or issued in the future (iat)', async () => {
    expectInvalid(
      await authorize(tokenFor(goodClaims(NOW, { nbf: NOW + 5 }))),
      'the token is not valid yet',
    );
    expectInvalid(
      await authorize(tokenFor(goodClaims(NOW, { iat: NOW + 5 }))),
      'the token was issued in the future',
    );
  });

  it('refuses a token from another issuer', async () => {
    const token = tokenFor(goodClaims(NOW, { iss: 'https://issuer.test' })); // no trailing slash

    expectInvalid(await authorize(token), 'the token does not have a valid issuer');
  });

  it('refuses a wrong audience with the www-authenticate value AWS documents', async () => {
    const decision = await authorize(tokenFor(goodClaims(NOW, { aud: 'someone-else' })));

    expect(decision).toEqual({
      allow: false,
      status: 401,
      headers: {
        'www-authenticate':
          'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
      },
      reason: 'the token does not have a valid audience',
    });
  });

  it('refuses malformed tokens: wrong part count, bad base64url, non-JSON, non-object', async () => {
    const header = encodePart({ alg: 'RS256', kid: key.kid });
    const payload = encodePart(goodClaims(NOW));
    const malformed = [
      'not-a-jwt',
      `${header}.${payload}`,
      `${header}.${payload}.sig.extra`,
      `${header}.${payload}!.c2ln`,
      `${header}.${Buffer.from('{not json').toString('base64url')}.c2ln`,
      `${header}.${encodePart(['an', 'array'])}.c2ln`,
      `.${payload}.c2ln`,
    ];

    for (const token of malformed) expectInvalid(await authorize(token), 'the token is malformed');
  });

  it('refuses a kid that is not in the JWKS', async () => {
    const token = signedToken(key.privateKey, goodClaims(NOW), {
      alg: 'RS256',
      kid: 'rotated-away',
    });

    expectInvalid(await authorize(token), 'the token signing key was not found');
  });
});
