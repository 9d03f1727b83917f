/**
 * Typed GraphQL execution over `yoga.fetch` (in-process, real Yoga, real adapter, real sandbox
 * socket). Documents come from codegen's `graphql()` (test/gql), so `data` is typed.
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

export async function execute<TData, TVariables extends Record<string, unknown>>(
  yoga: FetchesGraphQL,
  document: TypedDocumentNode<TData, TVariables>,
  variables?: TVariables,
  options: ExecuteOptions = {},
): Promise<ExecuteResult<TData>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...options.headers,
  };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  const init: RequestInit = {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: print(document), variables: variables ?? {} }),
  };
  if (options.signal) init.signal = options.signal;
  const response = await yoga.fetch('http://gateway.test/graphql', init);
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
