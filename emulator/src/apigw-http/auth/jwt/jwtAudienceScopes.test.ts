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
  goodClaims,
  signedToken,
  without,
} from '../../../../../test/fixtures/jwt/tokens.js';

describe('JWT authorizer: audience and client_id', () => {
  it('accepts an aud array that contains a configured audience', async () => {
    const decision = await authorize(tokenFor(goodClaims(NOW, { aud: ['other', AUDIENCE] })));

    expect(decision.allow).toBe(true);
  });

  it('accepts client_id in place of a missing aud (Cognito access tokens)', async () => {
    const claims = without(goodClaims(NOW), 'aud');

    const decision = await authorize(tokenFor({ ...claims, client_id: AUDIENCE }));

    expect(decision.allow).toBe(true);
  });

  it('ignores client_id when aud is present but wrong, as AWS evaluates aud first', async () => {
    const token = tokenFor(goodClaims(NOW, { aud: 'wrong', client_id: AUDIENCE }));

    expectInvalid(await authorize(token), 'the token does not have a valid audience');
  });
});

describe('JWT authorizer: tokens without kid', () => {
  const noKid = () => signedToken(key.privateKey, goodClaims(NOW), { alg: 'RS256' });

  it('uses the only key of a one-key JWKS', async () => {
    expect((await authorize(noKid())).allow).toBe(true);
  });

  it('refuses when the JWKS has several keys', async () => {
    const request = authRequest({ headers: { authorization: noKid() } });

    const decision = await authorizer({ jwks: { keys: [key.jwk, attacker.jwk] } }).authorize(
      request,
    );

    expectInvalid(decision, 'the token signing key was not found');
  });
});

describe('JWT authorizer: route scopes', () => {
  const required = ['telemetry:write', 'admin'];

  it('allows a token holding one of the route scopes and lists its scopes', async () => {
    const token = tokenFor(goodClaims(NOW, { scope: 'telemetry:read telemetry:write' }));

    const decision = await authorize(token, required);

    expect(decision.allow && decision.authorizer.jwt).toMatchObject({
      scopes: ['telemetry:read', 'telemetry:write'],
    });
  });

  it('reads scp as an array too (Okta, Entra ID)', async () => {
    const decision = await authorize(tokenFor(goodClaims(NOW, { scp: ['admin'] })), required);

    expect(decision.allow).toBe(true);
  });

  it('answers a valid token without any route scope with 403 insufficient_scope', async () => {
    const decision = await authorize(
      tokenFor(goodClaims(NOW, { scope: 'telemetry:read' })),
      required,
    );

    expect(decision).toMatchObject({
      allow: false,
      status: 403,
      headers: {
        'www-authenticate':
          'Bearer scope="telemetry:write admin" error="insufficient_scope" ' +
          'error_description="the token does not have a required scope"',
      },
    });
  });

  it('still answers 401 (not 403) for a bad token on a scoped route', async () => {
    const decision = await authorize(tokenFor(goodClaims(NOW, { exp: NOW - 1 })), required);

    expect(decision).toMatchObject({ allow: false, status: 401 });
  });
});
