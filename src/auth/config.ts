/**
 * The security settings (AUTH_*, JWT_*, API_KEYS*, CORS_*), checked together: every problem is
 * reported at start, with what to set, never with a secret's value.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EnvSettings } from '../config.js';
import { parseApiKeyTable, type ApiKeyTable } from './api-keys.js';
import type { AccessPolicy, AnonymousAccess, AuthMode } from './authenticate.js';
import type { JwtSettings } from './jwt.js';

export interface AuthConfig extends AccessPolicy {
  readonly jwt: JwtSettings | null;
  /** Where the API keys came from (for the start-up log; never the keys). */
  readonly apiKeysSource: string | null;
  /** The API key file, read again when it changes (every `apiKeysReloadMs`; 0: never). */
  readonly apiKeysFile: string | null;
  readonly apiKeysReloadMs: number;
}

const MODES: readonly AuthMode[] = ['jwt', 'api-key', 'linq-token'];
const DEFAULT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];
const ORIGIN = /^https?:\/\/[^/\s?#]+$/i;

/** A PEM given in one environment line may carry literal `\n`s. */
const pem = (value: string) => value.replace(/\\n/g, '\n');

export function loadAuthConfig(e: EnvSettings): { config: AuthConfig; problems: string[] } {
  const problems: string[] = [];
  const modes = new Set<AuthMode>();
  for (const mode of e.AUTH_MODES ?? ['linq-token']) {
    if ((MODES as readonly string[]).includes(mode)) modes.add(mode as AuthMode);
    else problems.push(`AUTH_MODES: unknown mode "${mode}" (use ${MODES.join(', ')})`);
  }
  const embeddedSandbox = e.LINQ_BASE_URL === undefined;
  const production = e.NODE_ENV === 'production';
  // The demo (`npm start`: embedded sandbox, nothing configured) serves anonymous callers;
  // anything else must opt in.
  const demo = embeddedSandbox && !production && e.AUTH_MODES === undefined;
  const anonymous: AnonymousAccess = e.AUTH_ANONYMOUS ?? (demo ? 'write' : 'off');

  let jwt: JwtSettings | null = null;
  if (modes.has('jwt')) {
    if (!e.JWT_ISSUER) problems.push('JWT_ISSUER: required with AUTH_MODES=jwt');
    if (!e.JWT_AUDIENCE?.length) problems.push('JWT_AUDIENCE: required with AUTH_MODES=jwt');
    if (!e.JWT_JWKS_URL === !e.JWT_PUBLIC_KEY) {
      problems.push('JWT_JWKS_URL or JWT_PUBLIC_KEY: set exactly one with AUTH_MODES=jwt');
    }
    if (e.JWT_PUBLIC_KEY) {
      try {
        createPublicKey(pem(e.JWT_PUBLIC_KEY));
      } catch {
        problems.push('JWT_PUBLIC_KEY: not a PEM public key');
      }
    }
    jwt = Object.freeze({
      jwksUrl: e.JWT_JWKS_URL ?? null,
      publicKey: e.JWT_PUBLIC_KEY ? pem(e.JWT_PUBLIC_KEY) : null,
      issuer: e.JWT_ISSUER ?? '',
      audience: e.JWT_AUDIENCE ?? [],
      algorithms: e.JWT_ALGORITHMS ?? DEFAULT_ALGORITHMS,
      clockSkewSeconds: e.JWT_CLOCK_SKEW_S,
      phoneNumbersClaim: e.JWT_PHONE_NUMBERS_CLAIM,
      scopeClaim: e.JWT_SCOPE_CLAIM,
      writeScope: e.JWT_WRITE_SCOPE,
      jwksCacheMs: e.JWT_JWKS_CACHE_MS,
      jwksCooldownMs: e.JWT_JWKS_COOLDOWN_MS,
    });
    if ((e.JWT_ALGORITHMS ?? []).some((a) => a.toLowerCase() === 'none')) {
      problems.push('JWT_ALGORITHMS: "none" is never accepted');
    }
  }

  let apiKeys: ApiKeyTable | null = null;
  let apiKeysSource: string | null = null;
  if (modes.has('api-key')) {
    if (!e.API_KEYS_FILE === !e.API_KEYS) {
      problems.push('API_KEYS_FILE or API_KEYS: set exactly one with AUTH_MODES=api-key');
    } else {
      const name = e.API_KEYS_FILE ? 'API_KEYS_FILE' : 'API_KEYS';
      try {
        const text = e.API_KEYS_FILE ? readFileSync(e.API_KEYS_FILE, 'utf8') : (e.API_KEYS ?? '');
        apiKeys = parseApiKeyTable(text);
        apiKeysSource = e.API_KEYS_FILE ? `file ${e.API_KEYS_FILE}` : 'API_KEYS';
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        problems.push(`${name}: ${code ? `cannot be read (${code})` : (error as Error).message}`);
      }
    }
  }

  const servesWithServiceToken = modes.has('jwt') || modes.has('api-key') || anonymous !== 'off';
  if (servesWithServiceToken && !embeddedSandbox && !e.LINQ_TOKEN) {
    problems.push(
      'LINQ_TOKEN: required when JWT, API-key or anonymous callers are served (they use it upstream)',
    );
  }
  if (
    production &&
    e.LINQ_TOKEN &&
    !modes.has('jwt') &&
    !modes.has('api-key') &&
    anonymous === 'off'
  ) {
    problems.push(
      'LINQ_TOKEN is set but no caller authentication uses it: set AUTH_MODES=jwt (with JWT_*) ' +
        'or AUTH_MODES=api-key (with API_KEYS_FILE), or AUTH_ANONYMOUS=read|write to serve ' +
        'anonymous callers with it on purpose; or unset LINQ_TOKEN for Linq-token pass-through',
    );
  }
  for (const origin of e.CORS_ORIGINS ?? []) {
    if (origin === '*') problems.push('CORS_ORIGINS: "*" is not allowed; list the origins');
    else if (!ORIGIN.test(origin)) {
      problems.push(`CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port])`);
    }
  }

  return {
    problems,
    config: Object.freeze({
      modes,
      anonymous,
      anonymousPhoneNumbers: e.AUTH_ANONYMOUS_PHONE_NUMBERS ?? '*',
      jwt,
      apiKeys,
      apiKeysSource,
      apiKeysFile: e.API_KEYS_FILE ?? null,
      apiKeysReloadMs: e.API_KEYS_RELOAD_MS,
    }),
  };
}
