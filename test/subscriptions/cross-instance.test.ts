// Two gateway instances (startGateway, real HTTP) share a real Redis and one sandbox. The
// sandbox posts its signed v3 webhooks to instance A only; subscribers of instance B, over SSE,
// see the events: the bus and the webhook dedupe both go through Redis.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatEventBus,
  chatTopic,
  type ChatEventBus,
} from '../../src/realtime/pubsub/index.js';
import { encodeNodeId } from '../../src/schema/relay/global-id.js';
import { hmacHex } from '../../src/realtime/webhooks/index.js';
import { captureLogs } from '../helpers/logs.js';
import { waitForSubscribers } from '../webhooks/helpers/redis-server.js';
import { post } from '../helpers/graphql.js';
import { useRedisPair } from '../helpers/redis-pair.js';
import { originOf } from '../helpers/rig.js';
import { sseSubscribe, type SseSubscription } from './helpers/sse.js';

const SECRET = 'whsec_current_0123456789';
const OLD_SECRET = 'whsec_previous_abcdef';

let bigChat: { uuid: string };
let chatId: string;
const logs = captureLogs('debug');
const open: SseSubscription<unknown>[] = [];

// Registered first, so it runs last: closing the gateways completes the open streams.
afterAll(() => {
  for (const s of open) s.close();
});

const two = useRedisPair({
  sandbox: { webhooks: { retryDelaysMs: [20], timeoutMs: 2000 } },
  // Callers without a token are served with the service token (opted in); others pass theirs.
  env: { AUTH_ANONYMOUS: 'write', LINQ_WEBHOOK_SECRET_V3: `${SECRET}, ${OLD_SECRET}` },
  logger: logs.logger,
});

beforeAll(() => {
  bigChat = two.sandbox.store.fixtures().bigChat;
  chatId = encodeNodeId('v3', 'Chat', bigChat.uuid);
});

beforeEach(() => {
  two.sandbox.controls.removeWebhookTargets();
  two.sandbox.controls.addWebhookTarget({
    url: `${originOf(two.a)}/webhooks/linq/v3`,
    dialect: 'v3',
    secret: SECRET,
  });
});

/** Subscribes on B and waits until B's Redis SUBSCRIBE for the chat is in place. */
async function subscribeOnB<T>(query: string, token = two.sandbox.tokens.primary, uuid?: string) {
  const sub = await sseSubscribe<T>(two.b.url, query, { chatId }, token);
  open.push(sub);
  expect(sub.status).toBe(200);
  await waitForSubscribers(two.redis.url, chatTopic('v3', uuid ?? bigChat.uuid));
  return sub;
}

const SEND = `mutation($chatId: ID!, $text: String!) {
  sendMessage(input: { chatId: $chatId, text: $text }) {
    __typename ... on SendMessagePayload { sentMessage { id } }
  }
}`;

async function sendThroughA(text: string): Promise<string> {
  type Sent = { sendMessage: { sentMessage: { id: string } } };
  const result = await post<Sent>(two.a, SEND, { chatId, text });
  expect(result.errors).toBeUndefined();
  return result.data!.sendMessage.sentMessage.id;
}

type Added = {
  messageAdded: { cursor: string; node: { id: string; text: string; chat: { id: string } } };
};
const ADDED = `subscription($chatId: ID!) {
  messageAdded(chatId: $chatId) { cursor node { id text isFromMe chat { id } } }
}`;

describe('webhooks → Redis → subscribers of another instance', () => {
  it('a send through A reaches an SSE subscriber of B as an edge Relay can insert', async () => {
    const sub = await subscribeOnB<Added>(ADDED);
    const id = await sendThroughA('hello from A');
    const { data, errors } = await sub.nth(0);
    expect(errors).toBeUndefined();
    expect(data?.messageAdded.node).toEqual({
      id,
      text: 'hello from A',
      isFromMe: true,
      chat: { id: chatId },
    });
    // The cursor is the message's cursor in Chat.messages (v3: newest first).
    type Page = { chat: { messages: { edges: { cursor: string; node: { id: string } }[] } } };
    const page = await post<Page>(
      two.b,
      `query($id: ID!) { chat(id: $id) { messages(first: 2) { edges { cursor node { id } } } } }`,
      { id: chatId },
    );
    expect(page.data?.chat.messages.edges[0]).toEqual({
      cursor: data?.messageAdded.cursor,
      node: { id },
    });
    const after = await post<Page>(
      two.b,
      `query($id: ID!, $after: String) {
        chat(id: $id) { messages(first: 1, after: $after) { edges { node { id } } } } }`,
      { id: chatId, after: data?.messageAdded.cursor },
    );
    expect(after.errors).toBeUndefined();
    const older = page.data?.chat.messages.edges[1]?.node.id;
    expect(after.data?.chat.messages.edges[0]?.node.id).toBe(older);
    await two.sandbox.controls.webhooksIdle();
    const sent = two.sandbox.controls
      .webhookDeliveries()
      .filter((d) => d.eventType === 'message.sent');
    expect(sent.at(-1)).toMatchObject({ status: 204, url: `${originOf(two.a)}/webhooks/linq/v3` });
  });

  it('duplicate deliveries, on the same or another instance, produce one event', async () => {
    two.sandbox.controls.removeWebhookTargets();
    two.sandbox.controls.addWebhookTarget({
      url: `${originOf(two.a)}/webhooks/linq/v3`,
      dialect: 'v3',
      secret: SECRET,
      duplicate: true,
    });
    const sub = await subscribeOnB<Added>(ADDED);
    const first = await sendThroughA('once');
    await two.sandbox.controls.webhooksIdle();
    const delivered = two.sandbox.controls.webhookDeliveries().slice(-2);
    // The sandbox delivered the event twice to A (same event_id); both were accepted.
    expect(delivered.map((d) => [d.eventType, d.status, d.duplicate])).toEqual([
      ['message.sent', 204, false],
      ['message.sent', 204, true],
    ]);
    expect(delivered[0]?.eventId).toBe(delivered[1]?.eventId);
    // A retry reaching B (behind a load balancer): accepted, not published again.
    const body = JSON.stringify(delivered[0]?.body);
    const ts = Math.floor(Date.now() / 1000);
    const replay = await fetch(`${originOf(two.b)}/webhooks/linq/v3`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-webhook-timestamp': String(ts),
        'x-webhook-signature': hmacHex(SECRET, `${ts}.`, body),
      },
      body,
    });
    expect(replay.status).toBe(204);
    const second = await sendThroughA('twice');
    const ids = [(await sub.nth(0)).data, (await sub.nth(1)).data].map(
      (d) => d?.messageAdded.node.id,
    );
    expect(ids).toEqual([first, second]);
    expect(sub.results).toHaveLength(2);
  });

  it('rejects bad signatures and stale timestamps at the mounted route', async () => {
    const sub = await subscribeOnB<Added>(ADDED);
    two.sandbox.controls.simulateInbound({ chatId: bigChat.uuid, text: 'template' });
    await two.sandbox.controls.webhooksIdle();
    const template = two.sandbox.controls.webhookDeliveries().at(-1)!;
    const genuine = (await sub.nth(0)).data?.messageAdded.node.id;
    const body = JSON.stringify({ ...(template.body as object), event_id: 'forged-event-1' });
    const now = Math.floor(Date.now() / 1000);
    const deliver = (headers: Record<string, string>, path = '/webhooks/linq/v3', m = 'POST') =>
      fetch(`${originOf(two.a)}${path}`, {
        method: m,
        headers: {
          'content-type': 'application/json',
          'x-webhook-event': 'message.received',
          ...headers,
        },
        body: m === 'POST' ? body : undefined,
      });
    const signed = (secret: string, ts: number) => ({
      'x-webhook-timestamp': String(ts),
      'x-webhook-signature': hmacHex(secret, `${ts}.`, body),
    });
    const cases: [Record<string, string>, number, string][] = [
      [{}, 401, 'SIGNATURE_MISSING'],
      [signed('not-the-secret', now), 401, 'SIGNATURE_INVALID'],
      [{ ...signed(SECRET, now), 'x-webhook-signature': 'f'.repeat(64) }, 401, 'SIGNATURE_INVALID'],
      [signed(SECRET, now - 3600), 401, 'TIMESTAMP_STALE'],
      [signed(SECRET, now + 3600), 401, 'TIMESTAMP_FUTURE'],
    ];
    for (const [headers, status, code] of cases) {
      const res = await deliver(headers);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([
        status,
        code,
      ]);
    }
    // No v2 secret configured: the v2 route is not mounted. Webhooks must be POSTed.
    expect((await deliver(signed(SECRET, now), '/webhooks/linq/v2')).status).toBe(404);
    expect((await deliver({}, '/webhooks/linq/v3', 'GET')).status).toBe(405);

    // The old secret of a rotation still verifies; the next event B sees is this one.
    const ok = await deliver(signed(OLD_SECRET, now));
    expect(ok.status).toBe(204);
    const again = await deliver(signed(SECRET, now));
    expect(again.status).toBe(204); // a duplicate event id: accepted, not published
    const next = await sub.nth(1);
    expect(next.data?.messageAdded.node.id).toBe(genuine);
    two.sandbox.controls.simulateInbound({ chatId: bigChat.uuid, text: 'after the forgeries' });
    expect((await sub.nth(2)).data?.messageAdded.node.text).toBe('after the forgeries');
    expect(sub.results).toHaveLength(3);
    // Secrets never reach the logs (rejections are logged with their code).
    expect(logs.text()).toContain('SIGNATURE_INVALID');
    expect(logs.text()).not.toContain(SECRET);
    expect(logs.text()).not.toContain(OLD_SECRET);
  });

  it('a subscriber without access to the chat is rejected at start', async () => {
    const other = await sseSubscribe<Added>(two.b.url, ADDED, { chatId }, two.sandbox.tokens.other);
    open.push(other);
    const result = await other.nth(0);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    await other.completed;

    const otherChat = encodeNodeId('v3', 'Chat', two.sandbox.store.fixtures().otherChat.uuid);
    const mine = await sseSubscribe<Added>(two.b.url, ADDED, { chatId: otherChat });
    open.push(mine);
    expect((await mine.nth(0)).errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    const bad = await sseSubscribe<Added>(two.b.url, ADDED, { chatId: 'nope' });
    open.push(bad);
    expect((await bad.nth(0)).errors?.map((e) => e.extensions?.code)).toEqual(['INVALID_ID']);
  });

  it('skips an event whose message cannot be read any more; the subscription goes on', async () => {
    const sub = await subscribeOnB<Added>(ADDED);
    const publisher: ChatEventBus = createChatEventBus({ redisUrl: two.redis.url });
    try {
      await publisher.publish({
        type: 'messageAdded',
        dialect: 'v3',
        chatId: bigChat.uuid,
        messageId: '00000000-0000-4000-8000-000000000000',
        direction: 'INBOUND',
        eventId: 'gone-1',
        upstreamType: 'message.received',
        occurredAt: new Date().toISOString(),
      });
    } finally {
      await publisher.close();
    }
    const { uuid } = two.sandbox.controls.simulateInbound({
      chatId: bigChat.uuid,
      text: 'still here',
    });
    const next = await sub.nth(0);
    expect(next.data?.messageAdded.node.id).toBe(
      encodeNodeId('v3', 'Message', JSON.stringify([bigChat.uuid, uuid])),
    );
    expect(sub.results).toHaveLength(1);
  });
});
