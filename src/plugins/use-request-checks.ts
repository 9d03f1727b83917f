/**
 * Request-level checks on the GraphQL endpoint, answered as GraphQL-over-HTTP request errors
 * (a JSON body with a stable `extensions.code`) before anything is parsed or executed:
 *
 * - a POST whose content-type Yoga cannot read (or none) → 415 `UNSUPPORTED_MEDIA_TYPE`
 *   (Yoga's own answer has an empty body);
 * - a GET whose `variables` or `extensions` parameter is not a JSON object → 400 `BAD_REQUEST`
 *   (Yoga answered 500);
 * - a query text longer than `maxQueryLength` characters → 413 `QUERY_TOO_LARGE`, whatever
 *   it holds: the token limit does not count comments or whitespace.
 */
import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** Content types Yoga parses on POST (JSON, GraphQL, form and multipart requests). */
const READABLE = [
  'application/json',
  'application/graphql+json',
  'application/graphql-response+json',
  'application/graphql',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
];

export const DEFAULT_MAX_QUERY_LENGTH = 100_000;

export interface RequestChecksOptions {
  /** @default '/graphql' */
  endpoint?: string;
  /** Longest query text, in characters. @default 100,000 */
  maxQueryLength?: number;
}

const errorResponse = (status: number, code: string, message: string) =>
  new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}

export function useRequestChecks(options: RequestChecksOptions = {}): Plugin {
  const endpoint = options.endpoint ?? '/graphql';
  const maxQueryLength = options.maxQueryLength ?? DEFAULT_MAX_QUERY_LENGTH;
  return {
    onRequest({ request, url, endResponse }) {
      if (url.pathname !== endpoint) return;
      if (request.method === 'POST') {
        const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
        if (!type || !READABLE.includes(type)) {
          endResponse(
            errorResponse(
              415,
              'UNSUPPORTED_MEDIA_TYPE',
              `Send GraphQL requests as application/json (got ${type ? 'another type' : 'none'})`,
            ),
          );
        }
        return;
      }
      if (request.method !== 'GET') return;
      const query = url.searchParams.get('query');
      if (query !== null && query.length > maxQueryLength) {
        endResponse(tooLarge(maxQueryLength));
        return;
      }
      for (const name of ['variables', 'extensions']) {
        const value = url.searchParams.get(name);
        if (value !== null && value !== '' && !isJsonObject(value)) {
          endResponse(errorResponse(400, 'BAD_REQUEST', `"${name}" must be a JSON object`));
          return;
        }
      }
    },
    onParams({ params }) {
      if (typeof params.query === 'string' && params.query.length > maxQueryLength) {
        throw createGraphQLError(tooLongMessage(maxQueryLength), {
          extensions: { code: 'QUERY_TOO_LARGE', limit: maxQueryLength, http: { status: 413 } },
        });
      }
    },
  };
}

const tooLongMessage = (max: number) => `The query text is longer than ${max} characters`;
const tooLarge = (max: number) => errorResponse(413, 'QUERY_TOO_LARGE', tooLongMessage(max));
