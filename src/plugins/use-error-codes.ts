/**
 * Stable `extensions.code`s for errors the executors produce without one:
 *
 * - A custom scalar's output error (schema/scalars.ts: Linq sent a value its spec forbids):
 *   both executors keep only its message (graphql-tools' executor rethrows it as a plain Error,
 *   which Yoga would mask; graphql-jit passes the message alone) → `BAD_UPSTREAM_RESPONSE`,
 *   for that field only.
 * - Variable coercion errors (a wrong type, an unknown enum value, a missing required
 *   variable) → `BAD_USER_INPUT`.
 * With `hideSuggestions` (introspection off), "Did you mean …?" hints are cut from every
 * message, at validation and at execution (enum values, input fields, fields).
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BAD_UPSTREAM_VALUE } from '../schema/scalars.js';

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
        setResult({ ...result, errors: result.errors.map((e) => rewrite(e, hide)) });
      },
    }),
  };
}
