/**
 * Apollo Client 4 against the gateway: queries and mutations as JSON POSTs and file uploads as
 * multipart requests (apollo-upload-client's UploadHttpLink, with the CSRF header), subscriptions
 * over server-sent events or graphql-ws. Tested by test/clients/.
 */
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { getMainDefinition } from '@apollo/client/utilities';
import UploadHttpLink from 'apollo-upload-client/UploadHttpLink.mjs';
import { buildSchema, isAbstractType, print } from 'graphql';
import { createSubscriptionClient, gatewayHeaders, type GatewayClientOptions } from './common.js';

/** Sends subscriptions over the shared subscription client (SSE or graphql-ws). */
function subscriptionLink(options: GatewayClientOptions): ApolloLink {
  const client = createSubscriptionClient(options);
  return new ApolloLink(
    (operation) =>
      new Observable((observer) =>
        client.subscribe(
          {
            query: print(operation.query),
            variables: operation.variables,
            operationName: operation.operationName ?? null,
          },
          {
            next: (value) => observer.next(value as ApolloLink.Result),
            error: (error) => observer.error(error),
            complete: () => observer.complete(),
          },
        ),
      ),
  );
}

/**
 * Apollo's cache must know which types implement `Error` and `Node` and make up the unions, to
 * match `... on Error { message }`: build it once from schema.client.graphql's text.
 */
export function possibleTypesFrom(sdl: string): Record<string, string[]> {
  const schema = buildSchema(sdl);
  return Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .map((type) => [type.name, schema.getPossibleTypes(type).map((t) => t.name)]),
  );
}

export interface ApolloOptions extends GatewayClientOptions {
  /** possibleTypesFrom(schema.client.graphql) */
  possibleTypes?: Record<string, string[]>;
}

export function createApolloClient(options: ApolloOptions): ApolloClient {
  const http = new UploadHttpLink({ uri: options.url, headers: gatewayHeaders(options.token) });
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return definition.kind === 'OperationDefinition' && definition.operation === 'subscription';
  };
  return new ApolloClient({
    link: ApolloLink.split(isSubscription, subscriptionLink(options), http),
    cache: new InMemoryCache({ possibleTypes: options.possibleTypes ?? {} }),
  });
}
