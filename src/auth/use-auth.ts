/**
 * Yoga plugin: authenticates every GraphQL request before its body is read (so an upload from
 * an unknown caller streams nowhere) and keeps the Caller for the context and the request log.
 * Missing or invalid credentials end the request with 401 UNAUTHENTICATED; nothing runs and no
 * upstream call is made. graphql-ws operations, which have no HTTP request of their own, are
 * authenticated by the context factory from their connection params (realtime/graphql-ws.ts).
 */
import type { Plugin } from 'graphql-yoga';
import type { Authenticator } from './authenticate.js';
import type { Caller } from './caller.js';

// On the request itself, not in a WeakMap (see use-request-id.ts).
const CALLER = Symbol('linq.caller');
type WithCaller = Request & { [CALLER]?: Caller };

/** The caller of a request authenticated by useAuth, if it was. */
export const knownCallerOf = (request: Request): Caller | undefined =>
  (request as WithCaller)[CALLER];

/** The request's caller: the one useAuth found, else authenticated now (graphql-ws). */
export async function callerOf(request: Request, authenticate: Authenticator): Promise<Caller> {
  const known = knownCallerOf(request);
  if (known) return known;
  const caller = await authenticate(request.headers);
  (request as WithCaller)[CALLER] = caller;
  return caller;
}

export function useAuth(authenticate: Authenticator): Plugin {
  return {
    async onRequestParse({ request }) {
      (request as WithCaller)[CALLER] = await authenticate(request.headers);
    },
  };
}
