// messageAdded cursors name their message: two arrivals get two cursors, and paging after an
// arrival's cursor is right after more messages arrived (v3 newest first, v2 oldest first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { post } from '../helpers/graphql.js';
import { startInstance, waitForStreams } from '../helpers/rig.js';
import { sseSubscribe } from './helpers/sse.js';

type Added = { messageAdded: { cursor: string; node: { id: string } } };
type Page = { chat: { messages: { edges: { node: { id: string } }[] } } };
const ADDED = 'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { cursor node { id } } }';
const AFTER = `query($id: ID!, $after: String) {
  chat(id: $id) { messages(first: 1, after: $after) { edges { node { id } } } } }`;

describe.each(['v2', 'v3'] as const)('messageAdded cursors (%s)', (dialect) => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startInstance({ LINQ_API_VERSION: dialect });
  });
  afterAll(() => gateway?.close());

  it('two arrivals have their own cursors, still right after three more arrive', async () => {
    const chat = gateway.sandbox!.store.fixtures().bigChat;
    const upstreamChat = dialect === 'v2' ? chat.v2Id : chat.uuid;
    const chatId = encodeNodeId(dialect, 'Chat', String(upstreamChat));
    const newest = await post<Page>(gateway, AFTER, { id: chatId });
    const sub = await sseSubscribe<Added>(gateway.url, ADDED, { chatId });
    await waitForStreams(gateway);
    const inbound = (text: string) =>
      gateway.sandbox!.controls.simulateInbound({ chatId: upstreamChat, text });
    inbound('one');
    const a = (await sub.nth(0)).data!.messageAdded;
    inbound('two');
    const b = (await sub.nth(1)).data!.messageAdded;
    sub.close();
    expect(a.cursor).not.toBe(b.cursor);
    for (let i = 0; i < 3; i++) inbound(`later ${i}`);
    const after = async (cursor: string) => {
      const res = await post<Page>(gateway, AFTER, { id: chatId, after: cursor });
      expect(res.errors).toBeUndefined();
      return res.data!.chat.messages.edges.map((e) => e.node.id);
    };
    if (dialect === 'v3') {
      // Newest first: after b comes a, after a the message that was newest before them.
      expect(await after(b.cursor)).toEqual([a.node.id]);
      expect(await after(a.cursor)).toEqual(newest.data!.chat.messages.edges.map((e) => e.node.id));
    } else {
      // Oldest first: after a comes b.
      expect(await after(a.cursor)).toEqual([b.node.id]);
    }
  });
});
