// Apollo Client 4 as clients/apollo.ts sets it up, against a real gateway over HTTP and
// WebSocket: queries, subscriptions over SSE and graphql-ws, uploads (apollo-upload-client).
import { readFileSync } from 'node:fs';
import { gql, type ApolloClient } from '@apollo/client';
import { afterAll, beforeAll, describe, it } from 'vitest';
import WebSocket from 'ws';
import { createApolloClient, possibleTypesFrom } from '../../clients/apollo.js';
import { CLIENT_SCHEMA_FILE } from '../../src/print-schema.js';
import {
  expectChats,
  expectMessageAdded,
  expectUpload,
  startClientRig,
  type ClientAdapter,
  type ClientRig,
} from './rig.js';

function adapter(client: ApolloClient): ClientAdapter {
  return {
    query: async (document, variables) =>
      (await client.query({ query: gql(document), variables, fetchPolicy: 'no-cache' }))
        .data as Record<string, unknown>,
    mutate: async (document, variables) =>
      (await client.mutate({ mutation: gql(document), variables })).data as Record<string, unknown>,
    firstEvent: (document, variables, trigger) =>
      new Promise((resolve, reject) => {
        const subscription = client.subscribe({ query: gql(document), variables }).subscribe({
          next: (result) => {
            subscription.unsubscribe();
            if (result.error) reject(result.error);
            else resolve(result.data as Record<string, unknown>);
          },
          error: reject,
        });
        trigger().catch(reject);
      }),
  };
}

const possibleTypes = possibleTypesFrom(readFileSync(CLIENT_SCHEMA_FILE, 'utf8'));

describe.each(['v3', 'v2'] as const)('Apollo Client (%s)', (dialect) => {
  let rig: ClientRig;
  const apollo = (options: { subscriptions?: 'sse' | 'ws' } = {}) =>
    createApolloClient({
      url: rig.gateway.url,
      possibleTypes,
      webSocketImpl: WebSocket,
      ...options,
    });
  beforeAll(async () => {
    rig = await startClientRig(dialect);
  });
  afterAll(() => rig?.gateway.close());

  it('queries', async () => {
    await expectChats(adapter(apollo()), rig);
  });

  it.each(['sse', 'ws'] as const)('gets messageAdded over %s', async (subscriptions) => {
    await expectMessageAdded(adapter(apollo({ subscriptions })), rig);
  });

  it('uploads a file (UploadHttpLink, with attachmentSizes)', async () => {
    await expectUpload(adapter(apollo()), rig);
  });
});
