/**
 * The upstream budget counts logical calls, not HTTP requests: a read retried after a 503 is
 * still one call (the sandbox's recorder shows the extra HTTP request), so the same document
 * passes whether or not Linq hiccuped. One call more than the budget fails with its code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeNodeId, encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { waitForStreams } from '../helpers/rig.js';
import { codesOf } from '../helpers/graphql.js';
import { startRig, type Rig } from '../helpers/rig.js';
import { openWs } from './ws.js';

const CHAT = `query($id: ID!) { chat(id: $id) { id displayName messages(first: 2) { nodes { id } } } }`;

describe('upstream budget', () => {
  let rig: Rig;
  let chatId: string;

  beforeAll(async () => {
    rig = await startRig({ dialect: 'v3' });
    chatId = encodeNodeId('v3', 'Chat', rig.sandbox.store.fixtures().bigChat.uuid);
  });
  afterAll(() => rig.close());

  const gatewayWithBudget = (calls: number): Promise<RunningGateway> =>
    rig.instance({ GRAPHQL_MAX_UPSTREAM_CALLS: String(calls), LINQ_MAX_RETRIES: '2' });

  it('counts a retried read once (2 logical calls, 3 HTTP requests)', async () => {
    const gateway = await gatewayWithBudget(2);
    rig.sandbox.controls.injectFault({
      route: 'GET /v3/chats/{chatId}/messages',
      times: 1,
      fault: { type: 'status', status: 503 },
    });
    const r = await rig.post(gateway, CHAT, { id: chatId });
    expect(r.errors).toBeUndefined();
    expect(rig.upstream()).toBe(3);
    expect(rig.sandbox.controls.count('GET /v3/chats/{chatId}/messages')).toBe(2);
  });

  it('calls over the budget fail their fields alone; the data read so far is kept', async () => {
    const gateway = await gatewayWithBudget(2);
    const query = '{ phoneNumbers { number chats(first: 1) { nodes { id } } } }';
    type Data = { phoneNumbers: { number: string; chats: { nodes: unknown[] } | null }[] };
    const r = await rig.post<Data>(gateway, query);
    // 1 read of the numbers, 1 list of chats; the other 2 numbers' lists were not made.
    expect(rig.upstream()).toBe(2);
    expect(codesOf(r)).toEqual(['UPSTREAM_BUDGET_EXCEEDED']);
    expect(r.errors).toHaveLength(2);
    expect(r.errors?.[0]).toMatchObject({
      message: 'This request used its budget of 2 upstream calls; the rest of it was not run',
      path: ['phoneNumbers', 1, 'chats'],
      extensions: { code: 'UPSTREAM_BUDGET_EXCEEDED', limit: 2 },
    });
    expect(r.data?.phoneNumbers.map((p) => p.chats?.nodes.length ?? null)).toEqual([1, null, null]);
  });
});

describe('upstream budget of subscriptions', () => {
  it('each event gets a fresh budget (the 3rd event still reads its message)', async () => {
    const rig = await startRig({ dialect: 'v3' });
    try {
      const gateway = await rig.instance({ GRAPHQL_MAX_UPSTREAM_CALLS: '1' });
      const { bigChat } = rig.sandbox.store.fixtures();
      const chatId = encodeNodeId('v3', 'Chat', bigChat.uuid);
      type Page = { chat: { messages: { nodes: { id: string }[] } } };
      const page = await rig.post<Page>(
        await rig.instance(),
        `query($id: ID!) { chat(id: $id) { messages(first: 3) { nodes { id } } } }`,
        { id: chatId },
      );
      const uuids = page.data!.chat.messages.nodes.map(
        (n) => (JSON.parse(decodeNodeId('v3', n.id).id) as [string, string])[1],
      );
      const ws = await openWs(gateway.url);
      ws.subscribe('s', 'subscription($c: ID!) { messageAdded(chatId: $c) { node { id } } }', {
        c: chatId,
      });
      await waitForStreams(gateway, 1);
      for (const [i, messageId] of uuids.entries()) {
        await gateway.bus.publish({
          type: 'messageAdded',
          dialect: 'v3',
          chatId: bigChat.uuid,
          messageId,
          direction: 'INBOUND',
          eventId: `budget-${i}`,
          upstreamType: 'message.received',
          occurredAt: new Date().toISOString(),
        });
      }
      await ws.until((m) => m.filter((x) => x.type === 'next').length >= 3);
      const events = ws.messages.filter((x) => x.type === 'next').map((x) => x.payload);
      expect(events).toEqual(
        page.data!.chat.messages.nodes.map((n) => ({ data: { messageAdded: { node: n } } })),
      );
      ws.close();
    } finally {
      await rig.close();
    }
  });
});
