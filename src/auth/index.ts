/** Caller identity and scopes (see README "Security"). */
export { createAuthenticator, type AuthMode, type AnonymousAccess, type AuthSettings, type Authenticator, type CredentialSource } from './authenticate.js';
export { FULL_SCOPE, scopeOf, type Caller, type CallerKind, type Scope } from './caller.js';
export { createJwtVerifier, type JwtSettings } from './jwt.js';
export { parseApiKeyTable, generateApiKey, hashApiKey, type ApiKeyTable } from './api-keys.js';
export { corsPolicy, originAllowed, type CorsSettings } from './cors.js';

import { createAuthenticator, type Authenticator } from './authenticate.js';

/**
 * Everyone is served: callers with a Linq token use their own, callers without one are the
 * anonymous caller (all numbers, writes allowed) on the adapter's service token. For tests and
 * trusted embedding only: a gateway reachable by untrusted callers configures real modes.
 */
export function openAccess(): Authenticator {
  return createAuthenticator({
    modes: new Set(['linq-token']),
    anonymous: 'write',
    anonymousPhoneNumbers: '*',
    jwt: null,
    apiKeys: null,
  });
}

/** The default of createGatewayYoga: callers must bring their own Linq token. */
export function passThroughOnly(): Authenticator {
  return createAuthenticator({
    modes: new Set(['linq-token']),
    anonymous: 'off',
    anonymousPhoneNumbers: '*',
    jwt: null,
    apiKeys: null,
  });
}
