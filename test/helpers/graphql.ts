/**
 * GraphQL requests in tests: `post` sends one operation to an in-process Yoga (`yoga.fetch`) or
 * over real HTTP to a running gateway; `execute` does the same with codegen's typed documents
 * (test/gql), so `data` is typed. Plus compact ways to read results.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type GraphQLFormattedError } from 'graphql';

export interface FetchesGraphQL {
  fetch(input: string, init?: RequestInit): Response | Promise<Response>;
}

export interface ExecuteOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface GraphQLErrorJson extends GraphQLFormattedError {
  extensions?: { code?: string; [key: string]: unknown };
}

export interface ExecuteResult<TData> {
  status: number;
  headers: Headers;
  data: TData | null | undefined;
  errors: GraphQLErrorJson[] | undefined;
}

/** Where a request goes: an in-process Yoga (`yoga.fetch`), a running gateway or a URL. */
export type Endpoint = FetchesGraphQL | { readonly url: string } | string;

export interface PostOptions extends ExecuteOptions {
  /** The URL given to an in-process `fetch`. @default http://gateway.test/graphql */
  url?: string;
  /** The `accept` header; none by default. */
  accept?: string;
  operationName?: string;
}

const IN_PROCESS_URL = 'http://gateway.test/graphql';

/** POSTs one GraphQL operation as JSON and parses the JSON reply (non-JSON fails the test). */
export async function post<TData = Record<string, unknown>>(
  endpoint: Endpoint,
  query: string,
  variables: Record<string, unknown> = {},
  options: PostOptions = {},
): Promise<ExecuteResult<TData>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.accept !== undefined) headers.accept = options.accept;
  Object.assign(headers, options.headers);
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const body: Record<string, unknown> = { query, variables };
  if (options.operationName !== undefined) body.operationName = options.operationName;
  const init: RequestInit = { method: 'POST', headers, body: JSON.stringify(body) };
  if (options.signal) init.signal = options.signal;
  const response =
    typeof endpoint === 'string'
      ? await fetch(endpoint, init)
      : 'fetch' in endpoint
        ? await endpoint.fetch(options.url ?? IN_PROCESS_URL, init)
        : await fetch(endpoint.url, init);
  const text = await response.text();
  let parsed: { data?: TData | null; errors?: GraphQLErrorJson[] };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 500)}`);
  }
  const { status, headers: responseHeaders } = response;
  return { status, headers: responseHeaders, data: parsed.data, errors: parsed.errors };
}

/** A typed operation (codegen's `graphql()` document) through `post`. */
export function execute<TData, TVariables extends Record<string, unknown>>(
  endpoint: Endpoint,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  options: PostOptions = {},
): Promise<ExecuteResult<TData>> {
  return post<TData>(endpoint, print(document), variables ?? {}, {
    accept: 'application/graphql-response+json, application/json',
    ...options,
  });
}

/** The distinct `extensions.code`s of a result's errors. */
export const codesOf = (r: { errors?: GraphQLErrorJson[] | undefined }): string[] => [
  ...new Set((r.errors ?? []).map((e) => String(e.extensions?.code))),
];

/** The data of a result that must have no errors; otherwise fails showing every error. */
export function dataOf<TData>(result: ExecuteResult<TData>): TData {
  if (result.errors?.length || result.data == null) {
    const detail = JSON.stringify(result.errors ?? result, null, 2);
    throw new Error(`expected data without errors (HTTP ${result.status}), got:\n${detail}`);
  }
  return result.data;
}

/** `[path, code]` of every error, for compact assertions. */
export function errorSummary(result: ExecuteResult<unknown>): [string, string | undefined][] {
  return (result.errors ?? []).map((e) => [(e.path ?? []).join('.'), e.extensions?.code]);
}

/** The single error of a result (fails when there are none or several). */
export function onlyError(result: ExecuteResult<unknown>): GraphQLErrorJson {
  const errors = result.errors ?? [];
  if (errors.length !== 1 || !errors[0]) {
    throw new Error(`expected exactly one error, got:\n${JSON.stringify(errors, null, 2)}`);
  }
  return errors[0];
}

/** `post` options of a client that accepts plain JSON only (routers, federation gateways). */
export const JSON_ONLY: PostOptions = { accept: 'application/json' };
