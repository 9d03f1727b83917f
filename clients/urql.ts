/**
 * urql (@urql/core) against the gateway: queries over urql's default GET and uploads over its
 * built-in multipart support (both need the CSRF header, given in `fetchOptions`), mutations as
 * JSON POSTs, subscriptions over server-sent events or graphql-ws. Tested by test/clients/.
 */
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createSubscriptionClient, gatewayHeaders, type GatewayClientOptions } from './common.js';

export function createUrqlClient(options: GatewayClientOptions): Client {
  const subscriptions = createSubscriptionClient(options);
  return new Client({
    url: options.url,
    fetchOptions: { headers: gatewayHeaders(options.token) },
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: subscriptions.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });
}
