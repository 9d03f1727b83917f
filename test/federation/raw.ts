/**
 * Untyped GraphQL over HTTP for documents codegen cannot type: `_service`/`_entities` are added by
 * the subgraph build and are not in schema.graphql (the router adds them when it composes).
 */
import type { FetchesGraphQL, GraphQLErrorJson } from '../helpers/graphql.js';

export interface RawResult<TData = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data: TData | null | undefined;
  errors: GraphQLErrorJson[] | undefined;
}

export async function postGraphQL<TData = Record<string, unknown>>(
  server: FetchesGraphQL,
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RawResult<TData>> {
  const response = await server.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: { data?: TData | null; errors?: GraphQLErrorJson[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
  }
  const { status, headers: responseHeaders } = response;
  return { status, headers: responseHeaders, data: body.data, errors: body.errors };
}
