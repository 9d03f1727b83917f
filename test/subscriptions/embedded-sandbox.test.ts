// `npm start` with no LINQ_BASE_URL: the gateway registers its own webhook URL with the embedded
// sandbox (a generated secret), so writes and the sandbox's HTTP controls reach subscribers
// with no setup: over SSE and over graphql-ws on a real WebSocket. Shutdown ends them.
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import type { RunningGateway } from '../../src/server.js';
import { post } from '../helpers/graphql.js';
import { startInstance, streamsOf, waitForStreams } from '../helpers/rig.js';
import { sseSubscribe, type SseSubscription } from './helpers/sse.js';

let gateway: RunningGateway;
let uuid: string;
let chatId: string;
const open: SseSubscription<unknown>[] = [];
const TYPING = 'subscription($chatId: ID!) { typing(chatId: $chatId) { isTyping } }';
const clients: Client[] = [];

beforeAll(async () => {
  gateway = await startInstance({ LINQ_MAX_RETRIES: '0' });
  uuid = gateway.sandbox!.store.fixtures().bigChat.uuid;
  chatId = encodeNodeId('v3', 'Chat', uuid);
});
afterAll(async () => {
  await gateway?.close();
  for (const s of open) s.close();
  for (const c of clients) await c.dispose();
});

async function subscribe<T>(query: string, token?: string) {
  const sub = await sseSubscribe<T>(gateway.url, query, { chatId }, token);
  open.push(sub);
  return sub;
}

async function mutate<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const result = await post<T>(gateway, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function wsClient(token: string): Client {
  const url = gateway.url.replace(/^http/, 'ws');
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

describe('real-time with the embedded sandbox', () => {
  it('delivers updates, reactions, typing and deletions, read with fresh loaders', async () => {
    type U = {
      messageUpdated: {
        change: string;
        message: { id: string; text: string; editedAt: string | null };
      };
    };
    type R = {
      reactionChanged: {
        action: string;
        reactionType: string;
        reaction: { type: string; isFromMe: boolean } | null;
        message: { id: string; reactions: { type: string }[] };
      };
    };
    type T = { typing: { isTyping: boolean; chat: { id: string } } };
    type D = { messageDeleted: { deletedMessageId: string; chat: { id: string } } };
    const updated = await subscribe<U>(
      `subscription($chatId: ID!) {
        messageUpdated(chatId: $chatId) { change message { id text editedAt } } }`,
    );
    const reactions = await subscribe<R>(`subscription($chatId: ID!) {
      reactionChanged(chatId: $chatId) {
        action reactionType reaction { type isFromMe } message { id reactions { type } } } }`);
    const typing = await subscribe<T>(
      'subscription($chatId: ID!) { typing(chatId: $chatId) { isTyping chat { id } } }',
    );
    const deleted = await subscribe<D>(
      `subscription($chatId: ID!) {
        messageDeleted(chatId: $chatId) { deletedMessageId chat { id } } }`,
    );
    await waitForStreams(gateway, 4);

    gateway.sandbox!.controls.simulateTyping({ chatId: uuid, typing: true });
    expect((await typing.nth(0)).data).toEqual({
      typing: { isTyping: true, chat: { id: chatId } },
    });

    type Sent = { sendMessage: { sentMessage: { id: string } } };
    const sent = await mutate<Sent>(
      `mutation($chatId: ID!) { sendMessage(input: { chatId: $chatId, text: "first draft" }) {
        ... on SendMessagePayload { sentMessage { id } } } }`,
      { chatId },
    );
    const id = sent.sendMessage.sentMessage.id;
    const upstreamId = (
      JSON.parse(Buffer.from(id, 'base64url').toString().split(':').slice(3).join(':')) as string[]
    )[1]!;
    // A read receipt loads the message into the subscription's context...
    gateway.sandbox!.controls.simulateReceipt(upstreamId, 'read');
    expect((await updated.nth(0)).data?.messageUpdated).toEqual({
      change: 'READ',
      message: { id, text: 'first draft', editedAt: null },
    });
    // ...and the edit after it is read again, not served from that context's cache.
    await mutate(
      `mutation($id: ID!) { editMessage(input: { messageId: $id, text: "final text" }) {
        __typename } }`,
      { id },
    );
    expect((await updated.nth(1)).data?.messageUpdated).toEqual({
      change: 'EDITED',
      // v3 reads carry no edit time: the event's.
      message: { id, text: 'final text', editedAt: expect.any(String) },
    });

    await mutate(
      `mutation($id: ID!) { addReaction(input: { messageId: $id, type: LOVE }) { __typename } }`,
      { id },
    );
    expect((await reactions.nth(0)).data?.reactionChanged).toEqual({
      action: 'ADDED',
      reactionType: 'LOVE',
      reaction: { type: 'LOVE', isFromMe: true },
      message: { id, reactions: [{ type: 'LOVE' }] },
    });
    await mutate(
      `mutation($id: ID!) { removeReaction(input: { messageId: $id, type: LOVE }) { __typename } }`,
      { id },
    );
    expect((await reactions.nth(1)).data?.reactionChanged).toMatchObject({
      action: 'REMOVED',
      reaction: null,
      message: { id, reactions: [] },
    });

    await mutate(`mutation($id: ID!) { deleteMessage(input: { messageId: $id }) { __typename } }`, {
      id,
    });
    expect((await deleted.nth(0)).data).toEqual({
      messageDeleted: { deletedMessageId: id, chat: { id: chatId } },
    });
  });

  it('an upstream failure reading an event is that event’s error, not the end', async () => {
    type A = { messageAdded: { node: { text: string } } | null };
    const before = streamsOf(gateway);
    const sub = await subscribe<A>(
      'subscription($chatId: ID!) { messageAdded(chatId: $chatId) { node { text } } }',
    );
    await waitForStreams(gateway, before + 1);
    const controls = gateway.sandbox!.controls;
    const route = 'GET /v3/messages/{messageId}';
    controls.injectFault({ route, times: 1, fault: { type: 'status', status: 503 } });
    controls.simulateInbound({ chatId: uuid, text: 'lost in transit' });
    const failed = await sub.nth(0);
    expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_UNAVAILABLE']);
    controls.simulateInbound({ chatId: uuid, text: 'next one' });
    expect((await sub.nth(1)).data?.messageAdded?.node.text).toBe('next one');
  });

  it('graphql-ws: a message posted to the sandbox arrives on a WebSocket', async () => {
    const client = wsClient(gateway.sandbox!.tokens.primary);
    const before = streamsOf(gateway);
    const events = client.iterate<{ messageAdded: { node: { text: string; isFromMe: boolean } } }>({
      query: `subscription($chatId: ID!) {
        messageAdded(chatId: $chatId) { cursor node { text isFromMe } } }`,
      variables: { chatId },
    });
    const first = events.next();
    await waitForStreams(gateway, before + 1);
    const res = await fetch(`${gateway.sandbox!.url}/__sandbox/inbound`, {
      method: 'POST',
      body: JSON.stringify({ chatId: uuid, text: 'over the socket' }),
    });
    expect(res.status).toBe(201);
    const { value } = await first;
    expect(value?.data?.messageAdded.node).toEqual({ text: 'over the socket', isFromMe: false });
    await events.return?.();

    // Another account's token: the subscription fails at start with the read's error.
    const other = wsClient(gateway.sandbox!.tokens.other);
    const denied = other.iterate({
      query: TYPING,
      variables: { chatId },
    });
    // graphql-ws sends the start error as the one result, then completes.
    const start = (await denied.next()).value;
    expect(start?.data ?? null).toBeNull();
    const codes = (start?.errors ?? []).map(
      (e: { extensions?: { code?: unknown } }) => e.extensions?.code,
    );
    expect(codes).toEqual(['NOT_FOUND']);
    expect((await denied.next()).done).toBe(true);
  });

  it('shutdown completes open SSE streams and closes WebSockets (1001)', async () => {
    const before = streamsOf(gateway);
    const sse = await subscribe(TYPING);
    const closed = new Promise<number>((resolve) => {
      const client = createClient({
        url: gateway.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        on: { closed: (event) => resolve((event as { code: number }).code) },
      });
      clients.push(client);
      client.subscribe(
        { query: TYPING, variables: { chatId } },
        { next: () => undefined, error: () => undefined, complete: () => undefined },
      );
    });
    await waitForStreams(gateway, before + 2);
    await gateway.close();
    await sse.completed;
    expect(await closed).toBe(1001);
    expect(sse.results).toEqual([]);
  });
});
