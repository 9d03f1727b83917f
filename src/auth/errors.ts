/** The request errors of authentication: 401 with a stable code and no credential in them. */
import { createGraphQLError } from 'graphql-yoga';
import type { GraphQLError } from 'graphql';

/** Why a credential was refused (extensions.reason), for clients that want to react. */
export type AuthFailure = 'MISSING' | 'MALFORMED' | 'EXPIRED' | 'INVALID' | 'MODE_DISABLED';

export function unauthenticated(message: string, reason: AuthFailure): GraphQLError {
  return createGraphQLError(message, {
    extensions: {
      code: 'UNAUTHENTICATED',
      reason,
      http: { status: 401, headers: { 'www-authenticate': 'Bearer realm="linq-gateway"' } },
    },
  });
}

export const isAuthError = (error: unknown): error is GraphQLError =>
  error instanceof Error &&
  'extensions' in error &&
  (error as GraphQLError).extensions?.['code'] === 'UNAUTHENTICATED';
