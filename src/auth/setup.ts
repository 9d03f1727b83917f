/**
 * Process wiring of caller authentication (used by src/server.ts): builds the authenticator from
 * the configuration and states the modes in one start-up log line, loudly when anonymous
 * callers are served with the service token.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { createAuthenticator, type Authenticator } from './authenticate.js';
import { watchApiKeyFile } from './api-key-file.js';
import { createJwtVerifier } from './jwt.js';

export function createCallerAuth(
  config: Config,
  logger: Logger,
  options: { embeddedSandbox: boolean },
): Authenticator {
  const { auth } = config;
  const modes = [...auth.modes];
  logger.info(
    {
      authModes: modes,
      anonymous: auth.anonymous,
      ...(auth.jwt
        ? { jwtIssuer: auth.jwt.issuer, jwtKeys: auth.jwt.jwksUrl ?? 'JWT_PUBLIC_KEY' }
        : {}),
      ...(auth.apiKeys ? { apiKeys: auth.apiKeys.size, apiKeysFrom: auth.apiKeysSource } : {}),
      corsOrigins: config.cors.origins,
    },
    `auth: ${modes.join(' + ')}${auth.anonymous === 'off' ? '; anonymous callers refused' : ''}`,
  );
  if (auth.anonymous !== 'off') {
    logger.warn(
      { anonymous: auth.anonymous, embeddedSandbox: options.embeddedSandbox },
      `auth: ANONYMOUS callers are served with the service token (${auth.anonymous} access)` +
        (options.embeddedSandbox
          ? ': fine for the demo sandbox, never for a real Linq account'
          : ': anyone who can reach this gateway uses the Linq account'),
    );
  }
  return createAuthenticator({
    modes: auth.modes,
    anonymous: auth.anonymous,
    anonymousPhoneNumbers: auth.anonymousPhoneNumbers,
    jwt: auth.jwt ? createJwtVerifier(auth.jwt) : null,
    apiKeys:
      auth.apiKeys && auth.apiKeysFile
        ? watchApiKeyFile(auth.apiKeysFile, auth.apiKeys, {
            intervalMs: auth.apiKeysReloadMs,
            logger,
          })
        : auth.apiKeys,
  });
}
