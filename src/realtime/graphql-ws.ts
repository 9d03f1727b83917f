/**
 * GraphQL over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on the HTTP server's
 * GraphQL path, for clients that cannot use SSE. Operations run through Yoga's envelop, so the
 * same plugins (limits, introspection policy, context, error masking) apply.
 *
 * Auth: browsers cannot set headers on a WebSocket, so credentials come from the connection
 * params (`{ "authorization": "Bearer <token>" }` or `{ "x-api-key": "<key>" }`), else from the
 * upgrade request's headers. They are checked once when the connection opens (refused: close
 * 4401 Unauthorized) and again for every operation, by the same authenticator as HTTP, so the
 * caller and its scope are the same on every transport. Credentials are never logged.
 *
 * Origin: browsers open WebSockets cross-origin without a preflight, so the upgrade's `Origin`
 * must be the gateway's own or on the CORS allow-list; any other is refused with 403 before the
 * socket opens. Clients that send no Origin (servers, CLIs) are not browsers and pass.
 *
 * Caps (limits/subscription-limits.ts): operations in flight per socket, sockets per caller.
 */
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { Authenticator } from '../auth/authenticate.js';
import { originAllowed } from '../auth/cors.js';
import type { GatewayContext } from '../context.js';
import { socketRequests } from '../limits/use-sse-subscription-limit.js';
import { callerKeyOf } from '../limits/caller-key.js';
import {
  CONNECTION_LIMIT_CLOSE_CODE,
  CountPerKey,
  DEFAULT_SUBSCRIPTION_LIMITS,
  subscriptionLimitError,
} from '../limits/subscription-limits.js';

export interface GraphQLWsServer {
  /** Closes every socket (1001 Going Away) and stops accepting upgrades. */
  close(): Promise<void>;
}

export interface GraphQLWsOptions {
  /** Largest incoming message, in bytes. @default 1 MiB */
  maxPayload?: number;
  /** Production: error messages are not sent to clients. @default NODE_ENV === 'production' */
  isProd?: boolean;
  /** Cross-origin pages allowed to open a socket (the CORS allow-list). @default none */
  origins?: readonly string[];
  /** Checks credentials when a connection opens (operations are checked by the context too). */
  auth?: Authenticator;
  /** Operations in flight per socket; 0: no cap. @default 100 */
  maxSubscriptionsPerConnection?: number;
  /** Open sockets per caller; 0: no cap. @default 50 */
  maxConnectionsPerCaller?: number;
}

type Enveloped = ReturnType<YogaServerInstance<{}, GatewayContext>['getEnveloped']>;
type WsContext = Context<Params, Extra & Partial<Record<PropertyKey, never>>>;
type Params = Record<string, unknown> | undefined;

const CREDENTIAL_HEADERS = ['authorization', 'x-api-key'] as const;

/** A connection param or, failing that, the upgrade request's header. */
function credential(ctx: WsContext, name: (typeof CREDENTIAL_HEADERS)[number]): string | null {
  const params = ctx.connectionParams ?? {};
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === name && typeof value === 'string' && value.trim() !== '') {
      return value;
    }
  }
  const header = ctx.extra.request.headers[name];
  return typeof header === 'string' ? header : null;
}

/** A WHATWG Request standing for the socket: Yoga's context reads the caller and id from it. */
function socketRequest(ctx: WsContext, path: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const name of CREDENTIAL_HEADERS) {
    const value = credential(ctx, name);
    if (value !== null) headers.set(name, value);
  }
  const upgrade = ctx.extra.request.headers;
  for (const name of ['x-request-id', 'traceparent', 'tracestate']) {
    const value = upgrade[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  // POST: Yoga refuses mutations on a GET request, and a socket's operations are not GETs.
  headers.set('content-type', 'application/json');
  const request = new Request(new URL(path, 'http://localhost'), {
    method: 'POST',
    headers,
    signal,
  });
  socketRequests.add(request);
  return request;
}

export function attachGraphQLWs(
  server: Server,
  yoga: YogaServerInstance<{}, GatewayContext>,
  options: GraphQLWsOptions = {},
): GraphQLWsServer {
  const path = yoga.graphqlEndpoint;
  const origins = options.origins ?? [];
  const wss = new WebSocketServer({
    server,
    path,
    maxPayload: options.maxPayload ?? 1024 ** 2,
    verifyClient: (
      { req }: { req: IncomingMessage },
      done: (ok: boolean, status?: number, message?: string) => void,
    ) =>
      originAllowed(req.headers.origin, req.headers.host, origins)
        ? done(true)
        : done(false, 403, 'Origin not allowed'),
  });
  // One abort signal per connection: upstream reads of its operations stop when it closes.
  const aborts = new WeakMap<object, AbortController>();
  const abortOf = (ctx: WsContext) => {
    let controller = aborts.get(ctx);
    if (!controller) aborts.set(ctx, (controller = new AbortController()));
    return controller;
  };

  const perSocket =
    options.maxSubscriptionsPerConnection ?? DEFAULT_SUBSCRIPTION_LIMITS.perConnection;
  const sockets = new CountPerKey(
    options.maxConnectionsPerCaller ?? DEFAULT_SUBSCRIPTION_LIMITS.perCaller,
  );
  const callerOf = new WeakMap<object, string>();

  const disposable = useServer<Params>(
    {
      isProd: options.isProd ?? process.env.NODE_ENV === 'production',
      onConnect: async (ctx) => {
        const request = socketRequest(ctx, path, abortOf(ctx).signal);
        let caller: string;
        try {
          // The same authenticator as HTTP (the context checks every operation again).
          caller = options.auth
            ? (await options.auth(request.headers)).id
            : callerKeyOf(await yoga.getEnveloped({ request }).contextFactory());
        } catch {
          ctx.extra.socket.close(CloseCode.Unauthorized, 'Unauthorized');
          return false;
        }
        if (!sockets.tryOpen(caller)) {
          ctx.extra.socket.close(CONNECTION_LIMIT_CLOSE_CODE, 'Too many connections');
          return false;
        }
        callerOf.set(ctx, caller);
        return true;
      },
      execute: (args: ExecutionArgs) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws has already added this one to ctx.subscriptions.
        if (perSocket > 0 && Object.keys(ctx.subscriptions).length > perSocket) {
          return [subscriptionLimitError(perSocket, 'per connection')];
        }
        try {
          const request = socketRequest(ctx, path, abortOf(ctx).signal);
          const enveloped = yoga.getEnveloped({ request, params: payload });
          const document = enveloped.parse(payload.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return errors;
          const args: ExecutionArgs = {
            schema: enveloped.schema,
            document,
            operationName: payload.operationName ?? null,
            variableValues: payload.variables ?? null,
            contextValue: await enveloped.contextFactory(),
            rootValue: enveloped,
          };
          return args;
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      },
      onClose: (ctx) => {
        aborts.get(ctx)?.abort();
        const caller = callerOf.get(ctx);
        if (caller !== undefined) sockets.release(caller);
      },
    },
    wss,
  );

  let closing: Promise<void> | null = null;
  return {
    close: () =>
      (closing ??= (async () => {
        await disposable.dispose();
        for (const socket of wss.clients) socket.terminate();
      })()),
  };
}
