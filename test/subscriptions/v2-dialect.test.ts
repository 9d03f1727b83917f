// A v2 gateway: the embedded sandbox signs v2 webhooks (sha256= HMAC of the canonical body) with
// the generated secret; the new message arrives as the last edge of the oldest-first list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { post } from '../helpers/graphql.js';
import { startInstance, waitForStreams } from '../helpers/rig.js';
import { sseSubscribe } from './helpers/sse.js';

let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startInstance({ LINQ_API_VERSION: 'v2' });
});
afterAll(() => gateway?.close());

describe('subscriptions on the v2 dialect', () => {
  it('a received message arrives with its cursor in Chat.messages (oldest first)', async () => {
    const v2Id = gateway.sandbox!.store.fixtures().bigChat.v2Id;
    const chatId = encodeNodeId('v2', 'Chat', String(v2Id));
    type Added = { messageAdded: { cursor: string; node: { id: string; text: string } } };
    const sub = await sseSubscribe<Added>(
      gateway.url,
      'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { cursor node { id text } } }',
      { chatId },
    );
    await waitForStreams(gateway);
    gateway.sandbox!.controls.simulateInbound({ chatId: v2Id, text: 'hello v2' });
    const { data, errors } = await sub.nth(0);
    expect(errors).toBeUndefined();
    expect(data?.messageAdded.node.text).toBe('hello v2');
    type Page = { chat: { messages: { edges: { cursor: string; node: { id: string } }[] } } };
    const page = await post<Page>(
      gateway,
      'query($id: ID!) { chat(id: $id) { messages(last: 1) { edges { cursor node { id } } } } }',
      { id: chatId },
    );
    expect(page.data?.chat.messages.edges).toEqual([
      { cursor: data?.messageAdded.cursor, node: { id: data?.messageAdded.node.id } },
    ]);
    const delivery = gateway.sandbox!.controls.webhookDeliveries().at(-1);
    expect(delivery).toMatchObject({ dialect: 'v2', eventType: 'message.received', status: 204 });
  });
});
