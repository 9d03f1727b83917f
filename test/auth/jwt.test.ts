/**
 * JWT mode over real HTTP: tokens from an identity provider the test runs (a JWKS server on
 * port 0) are verified with issuer, audience and expiry; every refusal is a 401 UNAUTHENTICATED
 * with no Linq call; a key published after start is picked up on its unknown `kid`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIENCE,
  ISSUER,
  startIdentityProvider,
  unsignedToken,
  type IdentityProvider,
} from './identity.js';
import { createJwtVerifier } from '../../src/auth/jwt.js';
import { closeAll } from '../helpers/close.js';
import { forwardTo } from '../helpers/forward.js';
import { bearer, startSecuredGateway, type SecuredGateway } from './rig.js';

const NUMBERS = '{ phoneNumbers { number } }';

/** A gateway that accepts JWTs only, verified with the given key source. */
const jwtGateway = (keys: Record<string, string>) =>
  startSecuredGateway({ AUTH_MODES: 'jwt', JWT_ISSUER: ISSUER, ...keys });

/**
 * For a describe block: an identity provider, and a JWT-only gateway given `keys(idp)` (how it
 * finds the provider's keys). Both are read inside tests and hooks; both closed after.
 */
function useJwtGateway(keys: (idp: IdentityProvider) => Promise<Record<string, string>>) {
  const state: { idp?: IdentityProvider; gw?: SecuredGateway } = {};
  beforeAll(async () => {
    state.idp = await startIdentityProvider();
    state.gw = await jwtGateway(await keys(state.idp));
  });
  afterAll(() => closeAll(state.gw, state.idp));
  return {
    idp: forwardTo(() => state.idp, 'the identity provider'),
    gw: forwardTo(() => state.gw, 'the gateway'),
  };
}

describe('JWT callers (JWKS)', () => {
  const { idp, gw } = useJwtGateway(async (provider) => ({
    JWT_JWKS_URL: provider.jwksUrl,
    JWT_AUDIENCE: AUDIENCE,
    JWT_JWKS_COOLDOWN_MS: '0',
  }));
  beforeEach(() => gw.resetCalls());

  const claims = () => ({ sub: 'user-42', linq_phone_numbers: '*', scope: 'linq:read' });

  it('serves a valid token on the service token, as the caller the claims name', async () => {
    const token = await idp.sign(claims());
    const reply = await gw.post(NUMBERS, { headers: bearer(token) });
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect((reply.body.data as { phoneNumbers: unknown[] }).phoneNumbers.length).toBe(
      gw.fixtures.primaryPhones.length,
    );
    const line = gw.logs.filter((l) => l.msg === 'graphql request').at(-1);
    expect(line?.caller).toBe('jwt:user-42');
    expect(JSON.stringify(gw.logs)).not.toContain(token);
  });

  const refusals: [string, () => Promise<string>, string][] = [
    [
      'an expired token',
      () => idp.sign(claims(), { expiresIn: Math.floor(Date.now() / 1000) - 120 }),
      'EXPIRED',
    ],
    ['a wrong issuer', () => idp.sign(claims(), { issuer: 'https://evil.example' }), 'INVALID'],
    ['a wrong audience', () => idp.sign(claims(), { audience: 'another-api' }), 'INVALID'],
    ['alg: none', async () => unsignedToken(claims()), 'INVALID'],
    [
      'a forged signature',
      async () => (await idp.sign(claims())).replace(/\.[^.]+$/, '.AAAA'),
      'INVALID',
    ],
    ['garbage', async () => 'not-a-token', 'MODE_DISABLED'],
  ];
  it.each(refusals)('refuses %s with 401 and no Linq call', async (_what, make, reason) => {
    const reply = await gw.post(NUMBERS, { headers: bearer(await make()) });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
    expect(reply.body.data ?? null).toBeNull();
    expect(gw.upstreamCalls()).toBe(0);
  });

  it('refuses a request with no credentials (anonymous is off once AUTH_MODES is set)', async () => {
    const reply = await gw.post(NUMBERS);
    expect(reply.status).toBe(401);
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'MISSING',
    });
    expect(gw.upstreamCalls()).toBe(0);
    const line = gw.logs.filter((l) => l.msg === 'graphql request').at(-1);
    expect(line).toMatchObject({ status: 401, caller: null });
  });

  it('refuses a key it does not know, then accepts it once the provider publishes it', async () => {
    await idp.addUnpublishedKey('key-2');
    const token = await idp.sign(claims(), { kid: 'key-2' });
    const before = idp.fetches();
    const refused = await gw.post(NUMBERS, { headers: bearer(token) });
    expect(refused.status).toBe(401);
    expect(idp.fetches()).toBeGreaterThan(before); // the unknown kid made it look again

    idp.publish('key-2');
    const accepted = await gw.post(NUMBERS, { headers: bearer(token) });
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
  });

  it('does not fetch the key set for every request (cached)', async () => {
    const token = await idp.sign(claims());
    await gw.post(NUMBERS, { headers: bearer(token) });
    const before = idp.fetches();
    for (let i = 0; i < 5; i++) await gw.post(NUMBERS, { headers: bearer(token) });
    expect(idp.fetches()).toBe(before);
  });

  it('does not pass a Linq token through when only JWTs are accepted', async () => {
    const reply = await gw.post(NUMBERS, { headers: bearer(gw.fixtures.primaryToken) });
    expect(reply.status).toBe(401);
    expect(gw.upstreamCalls()).toBe(0);
  });
});

describe('JWT callers (configured public key)', () => {
  const { idp, gw } = useJwtGateway(async (provider) => ({
    // One line, as an environment variable holds it.
    JWT_PUBLIC_KEY: (await provider.publicKeyPem()).replace(/\n/g, '\\n'),
    JWT_AUDIENCE: `${AUDIENCE},other-audience`,
  }));

  it('verifies against the key and never fetches a key set', async () => {
    const ok = await gw.post(NUMBERS, {
      headers: bearer(await idp.sign({ sub: 'svc', linq_phone_numbers: '*' })),
    });
    expect(ok.status).toBe(200);
    await idp.addUnpublishedKey('key-9');
    const other = await gw.post(NUMBERS, {
      headers: bearer(await idp.sign({ sub: 'svc', linq_phone_numbers: '*' }, { kid: 'key-9' })),
    });
    expect(other.status).toBe(401);
    expect(idp.fetches()).toBe(0);
  });
});

describe('verified tokens are remembered, never past their expiry', () => {
  it('a remembered token is refused once it expires', async () => {
    const idp = await startIdentityProvider();
    try {
      const verify = createJwtVerifier({
        jwksUrl: null,
        publicKey: await idp.publicKeyPem(),
        issuer: ISSUER,
        audience: [AUDIENCE],
        algorithms: ['RS256'],
        clockSkewSeconds: 0,
        phoneNumbersClaim: 'linq_phone_numbers',
        scopeClaim: 'scope',
        writeScope: 'linq:write',
        jwksCacheMs: 60_000,
        jwksCooldownMs: 0,
      });
      const token = await idp.sign(
        { sub: 'brief' },
        { expiresIn: Math.floor(Date.now() / 1000) + 1 },
      );
      expect((await verify(token)).id).toBe('jwt:brief');
      expect((await verify(token)).id).toBe('jwt:brief'); // from memory
      await new Promise((r) => setTimeout(r, 1100));
      await expect(verify(token)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED', reason: 'EXPIRED' },
      });
    } finally {
      await idp.close();
    }
  });
});
