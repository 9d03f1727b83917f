/**
 * The GraphQL errors the schema raises itself, each with a stable `extensions.code`: the
 * adapter's codes (LinqError.code) plus INVALID_ID for global ids this gateway did not issue or
 * of the wrong type. Adapter errors themselves are mapped at the error boundary
 * (plugins/use-error-codes.ts).
 */
import { type GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

/** A bad argument: BAD_USER_INPUT naming the argument. */
export function userInputError(argumentName: string, message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

export type InvalidIdReason = 'MALFORMED' | 'WRONG_TYPE' | 'WRONG_DIALECT';

/** A global id we cannot use: INVALID_ID with a reason clients can switch on. */
export function invalidIdError(message: string, reason: InvalidIdReason): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'INVALID_ID', reason } });
}

/** Something the configured Linq dialect cannot do. */
export function unsupportedError(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'UNSUPPORTED_BY_DIALECT' } });
}

export function notFoundError(message: string): GraphQLError {
  return createGraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
