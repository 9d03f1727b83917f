/**
 * Gives the output errors of the custom scalars (schema/scalars.ts: Linq sent a value its spec
 * forbids) their `BAD_UPSTREAM_RESPONSE` code back. Both executors keep only the message of an
 * error thrown by a scalar's `serialize` (graphql-tools' executor rethrows it as a plain Error,
 * which Yoga would mask; graphql-jit passes the message alone), so the code is restored by the
 * message prefix, for that field's error only.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { BAD_UPSTREAM_VALUE } from '../schema/scalars.js';

function withCode(error: GraphQLError): GraphQLError {
  // graphql-jit's errors may have no extensions object at all.
  const extensions = (error.extensions as GraphQLError['extensions'] | undefined) ?? {};
  if (extensions.code !== undefined || !error.message.startsWith(BAD_UPSTREAM_VALUE)) {
    return error;
  }
  return new GraphQLError(error.message, {
    ...(error.nodes ? { nodes: error.nodes } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { ...extensions, code: 'BAD_UPSTREAM_RESPONSE' },
  });
}

export const useUpstreamValueCodes = (): Plugin => ({
  onExecute: () => ({
    onExecuteDone({ result, setResult }) {
      if (!('errors' in result) || !result.errors?.length) return;
      if (!result.errors.some((e) => e.message.startsWith(BAD_UPSTREAM_VALUE))) return;
      setResult({ ...result, errors: result.errors.map(withCode) });
    },
  }),
});
