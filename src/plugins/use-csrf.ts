/**
 * CSRF prevention (@graphql-yoga/plugin-csrf-prevention) with a stable error code. A request a
 * browser can send cross-site without a preflight – no content type, or form, multipart or
 * text/plain (so: uploads and GET queries) – must carry one of the preflight headers, else it
 * gets 403 with `extensions.code: CSRF_HEADER_REQUIRED`. JSON POSTs (GraphiQL, most clients)
 * pass as they are. Apollo Client's upload link already sends `apollo-require-preflight`.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

export const CSRF_HEADERS = [
  'x-graphql-yoga-csrf',
  'apollo-require-preflight',
  'x-apollo-operation-name',
] as const;

export function useCsrf(): Plugin {
  const inner = useCSRFPrevention({ requestHeaders: [...CSRF_HEADERS] });
  return {
    onRequestParse(payload) {
      try {
        return inner.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          `This request needs one of these headers (CSRF prevention): ${CSRF_HEADERS.join(', ')}`,
          { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
        );
      }
    },
  };
}
