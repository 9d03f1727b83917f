/**
 * Stable `extensions.code`s for every error a response carries.
 *
 * Adapter errors (LinqError, src/upstream/errors.ts) become GraphQL errors here and nowhere else:
 * in Yoga's `maskError` (`gatewayMaskedErrors`), which every error of every response passes
 * (queries, mutations, subscription events, graphql-ws, both executors, list entries):
 *
 *   LinqError.code (NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, CONFLICT,
 *   RATE_LIMITED, UPSTREAM_UNAVAILABLE, BAD_UPSTREAM_RESPONSE, UNSUPPORTED_BY_DIALECT,
 *   REQUEST_ABORTED)
 *
 * v3 errors also carry `traceId` (Linq's X-Trace-ID); rate limits carry `retryAfter` seconds;
 * validation errors their `fieldErrors`. Anything that is neither a LinqError nor a GraphQLError
 * is masked by Yoga as "Unexpected error.", so nothing internal leaks.
 *
 * And for errors the executors produce without a code:
 *
 * - A custom scalar's output error (schema/types/scalars.ts: Linq sent a value its spec forbids):
 *   both executors keep only its message (graphql-tools' executor rethrows it as a plain Error,
 *   which Yoga would mask; graphql-jit passes the message alone) → `BAD_UPSTREAM_RESPONSE`,
 *   for that field only.
 * - Variable coercion errors (a wrong type, an unknown enum value, a missing required
 *   variable) → `BAD_USER_INPUT`.
 * With `hideSuggestions` (introspection off), "Did you mean …?" hints are cut from every
 * message, at validation and at execution (enum values, input fields, fields).
 */
import { GraphQLError } from 'graphql';
import { maskError, type Plugin, type YogaMaskedErrorOpts } from 'graphql-yoga';
import { BAD_UPSTREAM_VALUE } from '../schema/types/scalars.js';
import { LinqError, RequestAbortedError, ValidationError } from '../upstream/errors.js';

/** The GraphQL extensions of an adapter error. */
function extensionsOf(error: LinqError): Record<string, unknown> {
  const extensions: Record<string, unknown> = { code: error.code };
  if (error.traceId) extensions.traceId = error.traceId;
  if (error.retryAfter !== undefined) extensions.retryAfter = error.retryAfter;
  if (error instanceof ValidationError && error.fieldErrors.length > 0) {
    extensions.fieldErrors = error.fieldErrors;
  }
  return extensions;
}

/**
 * `error` as the GraphQL error clients see when it is (or was raised by) an adapter error; null
 * otherwise. Its location and path are kept; it has no originalError (that would be masked).
 */
export function adapterErrorToGraphQL(error: unknown): GraphQLError | null {
  const located = error instanceof GraphQLError ? error : null;
  const cause = located ? located.originalError : error;
  if (!(cause instanceof LinqError)) return null;
  const mapped = new GraphQLError(cause.message, {
    ...(located?.nodes ? { nodes: located.nodes } : {}),
    ...(located?.source ? { source: located.source } : {}),
    ...(located?.positions ? { positions: located.positions } : {}),
    ...(located?.path ? { path: located.path } : {}),
    extensions: extensionsOf(cause),
  });
  // graphql-jit's errors have locations but no nodes.
  if (mapped.locations === undefined && located?.locations) {
    Object.defineProperty(mapped, 'locations', { value: located.locations, enumerable: true });
  }
  return mapped;
}

/**
 * The error of a field whose request was aborted (its client went away): kept as it is, with
 * the code its cause gave it (RequestAbortedError.extensions). Yoga and the lane log every error
 * the mask replaces as an unexpected one, and this is none: the answer goes to no one, and the
 * request's own log line carries the code.
 */
const isAbortedField = (error: unknown): error is GraphQLError =>
  error instanceof GraphQLError && error.originalError instanceof RequestAbortedError;

/** Yoga's `maskedErrors`: adapter errors mapped; the rest masked (when `mask`) as Yoga does. */
export function gatewayMaskedErrors(mask: boolean): Partial<YogaMaskedErrorOpts> {
  return {
    maskError: (error, message, isDev) => {
      if (isAbortedField(error)) return error;
      return (
        adapterErrorToGraphQL(error) ?? (mask ? maskError(error, message, isDev) : (error as Error))
      );
    },
  };
}

const VARIABLE_ERROR = /^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/;
const SUGGESTION = /\s*Did you mean [^?]*\?/g;
const HAS_SUGGESTION = /Did you mean /;

/** The message without its "Did you mean …?" hints. */
export const withoutSuggestions = (message: string): string => message.replace(SUGGESTION, '');

function codeFor(error: GraphQLError): string | null {
  if (error.message.startsWith(BAD_UPSTREAM_VALUE)) return 'BAD_UPSTREAM_RESPONSE';
  if (VARIABLE_ERROR.test(error.message)) return 'BAD_USER_INPUT';
  return null;
}

function rewrite(error: GraphQLError, hideSuggestions: boolean): GraphQLError {
  // An adapter error is mapped at the mask (gatewayMaskedErrors), which needs its originalError.
  if (error.originalError instanceof LinqError) return error;
  // graphql-jit's errors may have no extensions object at all.
  const extensions = (error.extensions as GraphQLError['extensions'] | undefined) ?? {};
  const code = extensions.code === undefined ? codeFor(error) : null;
  const message = hideSuggestions ? withoutSuggestions(error.message) : error.message;
  if (code === null && message === error.message) return error;
  return new GraphQLError(message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: code === null ? extensions : { ...extensions, code },
  });
}

/** An execution result's errors given their codes (and cut of suggestions when `hide`). */
export function withErrorCodes<R extends { errors?: readonly GraphQLError[] | undefined }>(
  result: R,
  hide: boolean,
): R {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map((e) => rewrite(e, hide)) };
}

export function useErrorCodes(options: { hideSuggestions?: boolean } = {}): Plugin {
  const hide = options.hideSuggestions ?? false;
  return {
    onValidate: () =>
      hide
        ? ({ result, setResult }) => {
            if (result.some((e) => HAS_SUGGESTION.test(e.message))) {
              setResult(result.map((e) => rewrite(e, true)));
            }
          }
        : undefined,
    onExecute: () => ({
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || !result.errors?.length) return;
        setResult(withErrorCodes(result, hide));
      },
    }),
  };
}
