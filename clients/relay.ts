/**
 * Relay (relay-runtime) against the gateway: operations as JSON POSTs, mutations with
 * `uploadables` as GraphQL multipart requests (with the CSRF header), subscriptions over
 * server-sent events or graphql-ws. Compile documents against schema.client.graphql with
 * clients/relay.config.json. Tested by test/clients/.
 */
import {
  Environment,
  Network,
  Observable,
  RecordSource,
  Store,
  type FetchFunction,
  type SubscribeFunction,
  type UploadableMap,
  type Variables,
} from 'relay-runtime';
import { createSubscriptionClient, gatewayHeaders, type GatewayClientOptions } from './common.js';

/**
 * The multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec) of an
 * operation whose files Relay passes as `uploadables`: each key names the variable path it
 * fills, e.g. `{ "input.attachments.0": file }`.
 */
function multipartBody(query: string, variables: Variables, uploadables: UploadableMap): FormData {
  const form = new FormData();
  const paths = Object.keys(uploadables);
  form.set('operations', JSON.stringify({ query, variables }));
  form.set('map', JSON.stringify(Object.fromEntries(paths.map((p, i) => [i, [`variables.${p}`]]))));
  paths.forEach((path, i) => form.set(String(i), uploadables[path]!));
  return form;
}

export function createRelayEnvironment(options: GatewayClientOptions): Environment {
  const headers = gatewayHeaders(options.token);
  const fetchFn: FetchFunction = async (params, variables, _cacheConfig, uploadables) => {
    const query = params.text ?? '';
    const response = await fetch(options.url, {
      method: 'POST',
      ...(uploadables
        ? { headers, body: multipartBody(query, variables, uploadables) }
        : {
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables, operationName: params.name }),
          }),
    });
    return response.json();
  };
  const subscriptions = createSubscriptionClient(options);
  const subscribeFn: SubscribeFunction = (params, variables) =>
    Observable.create((sink) =>
      subscriptions.subscribe(
        { query: params.text ?? '', variables, operationName: params.name },
        {
          next: (value) => sink.next(value as never),
          error: (error) => sink.error(error instanceof Error ? error : new Error(String(error))),
          complete: () => sink.complete(),
        },
      ),
    );
  return new Environment({
    network: Network.create(fetchFn, subscribeFn),
    store: new Store(new RecordSource()),
  });
}
