/**
 * Turns a request's credentials into a Caller, or refuses with 401 UNAUTHENTICATED. The same
 * function serves HTTP, SSE, multipart uploads and graphql-ws (whose connection params are read
 * as headers), so every transport sees one identity.
 *
 * Credentials, in order:
 *   - `x-api-key: <key>` (mode api-key), or `Authorization: Bearer lqk_…` (a generated key);
 *   - `Authorization: Bearer <JWT>` (mode jwt: a compact JWS, three dot-separated parts);
 *   - `Authorization: Bearer <Linq token>` (mode linq-token: passed through to Linq, which
 *     decides; the service token is never used for such a caller);
 *   - none: the anonymous caller, only when the operator opted in (AUTH_ANONYMOUS), served with
 *     the service token.
 * A credential of a mode that is off is refused, never ignored (no silent downgrade to
 * anonymous).
 */
import * as crypto from 'node:crypto';
import { API_KEY_PREFIX, type ApiKeyTable } from './api-keys.js';
import { scopeOf, type Caller } from './caller.js';
import { unauthenticated } from './errors.js';
import type { JwtVerifier } from './jwt.js';

export type AuthMode = 'jwt' | 'api-key' | 'linq-token';
export type AnonymousAccess = 'off' | 'read' | 'write';

/** Who may call: the part of the settings the configuration and the authenticator share. */
export interface AccessPolicy {
  readonly modes: ReadonlySet<AuthMode>;
  readonly anonymous: AnonymousAccess;
  /** The numbers anonymous callers may use ('*': all). */
  readonly anonymousPhoneNumbers: readonly string[] | '*';
  readonly apiKeys: ApiKeyTable | null;
}

export interface AuthSettings extends AccessPolicy {
  readonly jwt: JwtVerifier | null;
}

/** Header-like input: a WHATWG Headers, or a graphql-ws connection's params read as headers. */
export interface CredentialSource {
  get(name: string): string | null;
}

export type Authenticator = (headers: CredentialSource) => Promise<Caller>;

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * SHA-256 in hex: crypto.hash (Node ≥ 20.12), a one-shot that costs half of a Hash object, else
 * createHash (older Node 20).
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Names a pass-through caller by its token's hash, so logs can group requests, not leak it. */
const linqCallerId = (token: string) => `linq:${sha256Hex(token).slice(0, 12)}`;

export function createAuthenticator(settings: AuthSettings): Authenticator {
  const { modes } = settings;
  const anonymous: Caller | null =
    settings.anonymous === 'off'
      ? null
      : Object.freeze({
          id: 'anonymous',
          kind: 'anonymous',
          scope: scopeOf(settings.anonymousPhoneNumbers, settings.anonymous === 'write'),
          upstreamToken: null,
          expiresAt: null,
        });

  const byApiKey = (key: string): Caller => {
    if (!modes.has('api-key') || !settings.apiKeys) {
      throw unauthenticated('API keys are not accepted by this gateway', 'MODE_DISABLED');
    }
    const caller = settings.apiKeys.find(key);
    if (!caller) throw unauthenticated('The API key is not valid', 'INVALID');
    return caller;
  };

  return async (headers) => {
    const apiKey = headers.get('x-api-key');
    if (apiKey !== null && apiKey.trim() !== '') return byApiKey(apiKey.trim());

    const authorization = headers.get('authorization');
    if (authorization === null || authorization.trim() === '') {
      if (anonymous) return anonymous;
      throw unauthenticated(
        'Authentication required: send Authorization: Bearer <token> or x-api-key',
        'MISSING',
      );
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    const token = match?.[1];
    if (!token) {
      throw unauthenticated('The Authorization header must be "Bearer <token>"', 'MALFORMED');
    }
    if (token.startsWith(API_KEY_PREFIX) && modes.has('api-key')) return byApiKey(token);
    if (modes.has('jwt') && settings.jwt && JWS.test(token)) return settings.jwt(token);
    if (modes.has('linq-token')) {
      return Object.freeze({
        id: linqCallerId(token),
        kind: 'linq-token',
        scope: scopeOf('*', true),
        upstreamToken: token,
        expiresAt: null,
      });
    }
    throw unauthenticated('This kind of token is not accepted by this gateway', 'MODE_DISABLED');
  };
}
