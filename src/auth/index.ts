/** Caller identity and scopes (see README "Security"). */
export {
  createAuthenticator,
  type AuthMode,
  type AnonymousAccess,
  type AuthSettings,
  type Authenticator,
  type CredentialSource,
} from './authenticate.js';
export { FULL_SCOPE, scopeOf, type Caller, type CallerKind, type Scope } from './caller.js';
export { createJwtVerifier, type JwtSettings } from './jwt.js';
export { parseApiKeyTable, generateApiKey, hashApiKey, type ApiKeyTable } from './api-keys.js';
export { corsPolicy, originAllowed, type CorsSettings } from './cors.js';

import { createAuthenticator, type AnonymousAccess, type Authenticator } from './authenticate.js';

/** Linq-token pass-through, plus the anonymous caller (all numbers) when `anonymous` is on. */
const passThrough = (anonymous: AnonymousAccess): Authenticator =>
  createAuthenticator({
    modes: new Set(['linq-token']),
    anonymous,
    anonymousPhoneNumbers: '*',
    jwt: null,
    apiKeys: null,
  });

/**
 * Everyone is served: callers with a Linq token use their own, callers without one are the
 * anonymous caller (all numbers, writes allowed) on the adapter's service token. For tests and
 * trusted embedding only: a gateway reachable by untrusted callers configures real modes.
 */
export const openAccess = (): Authenticator => passThrough('write');

/** The default of createGateway: callers must bring their own Linq token. */
export const passThroughOnly = (): Authenticator => passThrough('off');
