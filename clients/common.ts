/**
 * What every client set-up shares: the headers it sends and its subscription transport.
 *
 * `x-graphql-yoga-csrf` lets GET queries and multipart uploads through the gateway's CSRF
 * prevention (a browser cannot send a custom header cross-site without a CORS preflight); JSON
 * POSTs and subscriptions do not need it, and it costs nothing.
 */
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';

export interface GatewayClientOptions {
  /** The gateway's GraphQL URL, e.g. http://localhost:4000/graphql */
  url: string;
  /** The caller's Linq token (else the gateway's service token is used). */
  token?: string;
  /** Subscriptions over server-sent events (graphql-sse, the default) or graphql-ws. */
  subscriptions?: 'sse' | 'ws';
  /** A WebSocket class where there is no global one (Node 20: the `ws` package). */
  webSocketImpl?: unknown;
}

export function gatewayHeaders(token?: string): Record<string, string> {
  return {
    'x-graphql-yoga-csrf': '1',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
}

export interface SubscriptionPayload {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface SubscriptionSink {
  next(value: unknown): void;
  error(error: unknown): void;
  complete(): void;
}

/** The subscription client: `subscribe` returns the function that ends the subscription. */
export interface SubscriptionClient {
  subscribe(payload: SubscriptionPayload, sink: SubscriptionSink): () => void;
  dispose(): void | Promise<void>;
}

export function createSubscriptionClient(options: GatewayClientOptions): SubscriptionClient {
  if (options.subscriptions === 'ws') {
    return createWsClient({
      url: options.url.replace(/^http/, 'ws'), // same path, ws: or wss:
      // WebSocket clients send their token in the connection params, not in a header.
      connectionParams: options.token ? { authorization: `Bearer ${options.token}` } : {},
      ...(options.webSocketImpl ? { webSocketImpl: options.webSocketImpl } : {}),
    });
  }
  // Distinct connections mode: one POST with `Accept: text/event-stream` per subscription.
  return createSseClient({ url: options.url, headers: gatewayHeaders(options.token) });
}
