/**
 * Bearer JWTs from the operator's identity provider, verified with jose: signature against a
 * JWKS URL (cached; fetched again when a token names an unknown `kid`, at most once per
 * cooldown) or a configured public key; issuer, audience, expiry (`exp` required) and
 * not-before with a clock skew; only the configured algorithms (never `none`).
 *
 * Claims → caller: `sub` names it (`jwt:<sub>`); the phone-numbers claim (an array of E.164
 * numbers, or "*") and the write scope in the scope claim (space-separated string or array)
 * make its scope. A token without the phone-numbers claim may use no number (fails closed).
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { scopeOf, type Caller } from './caller.js';
import { unauthenticated } from './errors.js';

export interface JwtSettings {
  /** Keys by URL (e.g. https://idp.example.com/.well-known/jwks.json). */
  readonly jwksUrl: string | null;
  /** Or one public key (PEM, SPKI). */
  readonly publicKey: string | null;
  readonly issuer: string;
  readonly audience: readonly string[];
  readonly algorithms: readonly string[];
  readonly clockSkewSeconds: number;
  readonly phoneNumbersClaim: string;
  readonly scopeClaim: string;
  /** The scope value that allows writes. */
  readonly writeScope: string;
  /** How long fetched keys are trusted without refetching, ms. */
  readonly jwksCacheMs: number;
  /** Least time between two fetches for an unknown `kid`, ms. */
  readonly jwksCooldownMs: number;
}

export type JwtVerifier = (token: string) => Promise<Caller>;

/** Verified tokens remembered at most (oldest dropped first), and for how long at most. */
const VERIFIED_CACHE_SIZE = 10_000;
const VERIFIED_TTL_MS = 60_000;

const stringList = (value: unknown): string[] | null => {
  if (typeof value === 'string') return value.split(/\s+/).filter((s) => s !== '');
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return null;
};

function callerFromClaims(payload: JWTPayload, settings: JwtSettings): Caller {
  const numbers = payload[settings.phoneNumbersClaim];
  const list = numbers === '*' ? '*' : (stringList(numbers) ?? []);
  const scopes = stringList(payload[settings.scopeClaim]) ?? [];
  return Object.freeze({
    id: `jwt:${payload.sub}`,
    kind: 'jwt',
    scope: scopeOf(list, scopes.includes(settings.writeScope)),
    upstreamToken: null,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
  });
}

export function createJwtVerifier(settings: JwtSettings): JwtVerifier {
  let key: JWTVerifyGetKey | KeyObject;
  if (settings.jwksUrl) {
    key = createRemoteJWKSet(new URL(settings.jwksUrl), {
      cacheMaxAge: settings.jwksCacheMs,
      cooldownDuration: settings.jwksCooldownMs,
    });
  } else if (settings.publicKey) {
    key = createPublicKey(settings.publicKey);
  } else {
    throw new Error('JWT verification needs JWT_JWKS_URL or JWT_PUBLIC_KEY');
  }
  const options = {
    issuer: settings.issuer,
    audience: [...settings.audience],
    algorithms: [...settings.algorithms],
    clockTolerance: settings.clockSkewSeconds,
    requiredClaims: ['exp', 'sub'],
  };
  // A verified token is remembered (by its hash, never the token) until it expires or for a
  // minute, whichever is sooner: an RS256 check costs ≈170 µs, a lookup ≈1 µs. A key withdrawn
  // from the JWKS stops being honoured within that minute.
  const verified = new Map<string, { caller: Caller; until: number }>();
  return async (token) => {
    const id = createHash('sha256').update(token).digest('base64url');
    const known = verified.get(id);
    if (known && Date.now() < known.until) return known.caller;
    if (known) verified.delete(id);
    const caller = await verify(token);
    if (verified.size >= VERIFIED_CACHE_SIZE) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
    verified.set(id, {
      caller,
      until: Math.min(caller.expiresAt ?? 0, Date.now() + VERIFIED_TTL_MS),
    });
    return caller;
  };

  async function verify(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      payload =
        typeof key === 'function'
          ? (await jwtVerify(token, key, options)).payload
          : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw refusal(error);
    }
    return callerFromClaims(payload, settings);
  }
}

/** jose's error → a 401 that says what is wrong without echoing the token. */
function refusal(error: unknown) {
  if (error instanceof errors.JWTExpired)
    return unauthenticated('The token has expired', 'EXPIRED');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(`The token's "${error.claim}" claim is not accepted`, 'INVALID');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return unauthenticated('The token was signed with an unknown key', 'INVALID');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthenticated('The token is signed with an algorithm that is not accepted', 'INVALID');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthenticated('The token signature is invalid', 'INVALID');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return unauthenticated('The token is not a valid JWT', 'MALFORMED');
  }
  // The key set could not be fetched, or anything else: still a refusal, never a 500.
  return unauthenticated('The token could not be verified', 'INVALID');
}
