/**
 * One mapping from adapter errors to GraphQL errors. Clients branch on `extensions.code`:
 *
 *   LinqError.code (NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, CONFLICT,
 *   RATE_LIMITED, UPSTREAM_UNAVAILABLE, BAD_UPSTREAM_RESPONSE, UNSUPPORTED_BY_DIALECT)
 *   plus INVALID_ID for global ids this gateway did not issue or of the wrong type.
 *
 * v3 errors also carry `traceId` (Linq's X-Trace-ID); rate limits carry `retryAfter` seconds.
 * Anything that is not a LinqError or a GraphQLError is left alone, so Yoga masks it as
 * "Unexpected error." and nothing internal leaks.
 */
import { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { LinqError, ValidationError } from '../upstream/errors.js';

export type GatewayErrorCode = LinqError['code'] | 'INVALID_ID';

export function toGraphQLError(error: unknown): unknown {
  if (error instanceof GraphQLError || !(error instanceof LinqError)) return error;
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.traceId) extensions.traceId = error.traceId;
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  if (error instanceof ValidationError && error.fieldErrors.length > 0) {
    extensions.fieldErrors = error.fieldErrors;
  }
  // No originalError: Yoga would mask an error whose cause chain ends in a non-GraphQL error.
  return createGraphQLError(error.message, { extensions });
}

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
