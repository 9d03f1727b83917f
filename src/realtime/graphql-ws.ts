/**
 * GraphQL over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on the HTTP server's
 * GraphQL path, for clients that cannot use SSE. Operations run through Yoga's envelop, so the
 * same plugins (limits, introspection policy, context, error masking) apply.
 *
 * Auth: browsers cannot set headers on a WebSocket, so the token comes from the connection
 * params (`{ "authorization": "Bearer <Linq token>" }`), else from the upgrade request's
 * Authorization header, else the service token. The token is never logged.
 */
import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { GatewayContext } from '../context.js';

export interface GraphQLWsServer {
  /** Closes every socket (1001 Going Away) and stops accepting upgrades. */
  close(): Promise<void>;
}

export interface GraphQLWsOptions {
  /** Largest incoming message, in bytes. @default 1 MiB */
  maxPayload?: number;
  /** Production: error messages are not sent to clients. @default NODE_ENV === 'production' */
  isProd?: boolean;
}

type Enveloped = ReturnType<YogaServerInstance<{}, GatewayContext>['getEnveloped']>;
type WsContext = Context<Params, Extra & Partial<Record<PropertyKey, never>>>;
type Params = Record<string, unknown> | undefined;

function authorization(ctx: WsContext): string | null {
  const params = ctx.connectionParams ?? {};
  const given = params.authorization ?? params.Authorization;
  if (typeof given === 'string' && given.trim() !== '') return given;
  const header = (ctx.extra.request as IncomingMessage).headers.authorization;
  return header ?? null;
}

/** A WHATWG Request standing for the socket: Yoga's context reads the token and id from it. */
function socketRequest(ctx: WsContext, path: string, signal: AbortSignal): Request {
  const headers = new Headers();
  const auth = authorization(ctx);
  if (auth !== null) headers.set('authorization', auth);
  const id = (ctx.extra.request as IncomingMessage).headers['x-request-id'];
  if (typeof id === 'string') headers.set('x-request-id', id);
  // POST: Yoga refuses mutations on a GET request, and a socket's operations are not GETs.
  headers.set('content-type', 'application/json');
  return new Request(new URL(path, 'http://localhost'), { method: 'POST', headers, signal });
}

export function attachGraphQLWs(
  server: Server,
  yoga: YogaServerInstance<{}, GatewayContext>,
  options: GraphQLWsOptions = {},
): GraphQLWsServer {
  const path = yoga.graphqlEndpoint;
  const wss = new WebSocketServer({ server, path, maxPayload: options.maxPayload ?? 1024 ** 2 });
  // One abort signal per connection: upstream reads of its operations stop when it closes.
  const aborts = new WeakMap<object, AbortController>();
  const abortOf = (ctx: WsContext) => {
    let controller = aborts.get(ctx);
    if (!controller) aborts.set(ctx, (controller = new AbortController()));
    return controller;
  };

  const disposable = useServer<Params>(
    {
      isProd: options.isProd ?? process.env.NODE_ENV === 'production',
      execute: (args: ExecutionArgs) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args: ExecutionArgs) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, _id, payload) => {
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
