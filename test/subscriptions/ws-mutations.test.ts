// Queries and mutations over graphql-ws (a real WebSocket), not only subscriptions.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { startInstance } from '../helpers/rig.js';

let gateway: RunningGateway;
let client: Client;

beforeAll(async () => {
  gateway = await startInstance({});
  client = createClient({
    url: gateway.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
});
afterAll(async () => {
  await client?.dispose();
  await gateway?.close();
});

async function once(query: string, variables: Record<string, unknown>) {
  for await (const result of client.iterate({ query, variables })) return result;
  throw new Error('no result');
}

describe('graphql-ws operations', () => {
  it('runs a mutation', async () => {
    const chatId = encodeNodeId('v3', 'Chat', gateway.sandbox!.store.fixtures().bigChat.uuid);
    const result = await once(
      `mutation($chatId: ID!) {
        sendMessage(input: { chatId: $chatId, text: "over a socket" }) {
          __typename ... on SendMessagePayload { sentMessage { text } }
        }
      }`,
      { chatId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      sendMessage: { __typename: 'SendMessagePayload', sentMessage: { text: 'over a socket' } },
    });
  });
});
