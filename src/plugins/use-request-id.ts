/**
 * Yoga plugin: every request gets an id – the caller's `x-request-id` when it is a sane token,
 * else a fresh UUID – which is echoed on the response, put on the GraphQL context, logged, and
 * sent upstream (RequestOptions.requestId).
 */
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

export interface RequestIdPluginOptions {
  /** @default 'x-request-id' */
  header?: string;
}

const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
// Kept on the request itself, not in a WeakMap: V8's young-generation GC treats WeakMap values
// as live and promotes them, so per-request values in long-lived WeakMaps outlive their request
// until a full GC (bench/results/optimisations.md, round 3).
const REQUEST_ID = Symbol('linq.requestId');
type WithId = Request & { [REQUEST_ID]?: string };

/** The id a request sent in its header, when it is a sane token; else a fresh UUID. */
export const requestIdFrom = (given: string | null | undefined): string =>
  given !== null && given !== undefined && SANE_ID.test(given) ? given : randomUUID();

/** The id of a request: the same value for the plugin, the context and the logs. */
export function requestIdOf(request: Request, header = 'x-request-id'): string {
  let id = (request as WithId)[REQUEST_ID];
  if (id === undefined) {
    id = requestIdFrom(request.headers.get(header));
    (request as WithId)[REQUEST_ID] = id;
  }
  return id;
}

export function useRequestId(options: RequestIdPluginOptions = {}): Plugin {
  const header = options.header ?? 'x-request-id';
  return {
    onRequest({ request }) {
      requestIdOf(request, header);
    },
    onResponse({ request, response }) {
      response.headers.set(header, requestIdOf(request, header));
    },
  };
}
