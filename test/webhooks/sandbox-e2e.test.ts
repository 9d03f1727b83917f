// End to end: sandbox writes → signed webhook deliveries over real HTTP → handleWebhookRequest
// (verify, parse, dedupe) → the chat event bus → a subscriber, for v3 (both payload versions)
// and v2. Messages are sent through the real adapter.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createChatEventBus, type ChatEventBus } from '../../src/realtime/pubsub/index.js';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import type { LinqApi } from '../../src/upstream/model.js';
import { createMemoryDeduper, type ChatEvent } from '../../src/realtime/webhooks/index.js';
import { closeAll } from '../helpers/close.js';
import { linqClient } from '../helpers/rig.js';
import { startBusReceiver, type Receiver } from './helpers/receiver.js';

const V2_SECRET = 'v2-test-secret';
const V3_SECRET = 'whsec_v3-test-secret';

let sandbox: Sandbox;
let receiver: Receiver;
let bus: ChatEventBus;
let v3: LinqApi;
let v2: LinqApi;
const published: ChatEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, webhooks: { retryDelaysMs: [20, 40], timeoutMs: 2000 } });
  bus = createChatEventBus();
  const dedupe = { v2: createMemoryDeduper(), v3: createMemoryDeduper() };
  receiver = await startBusReceiver(
    bus,
    (dialect) => ({ secrets: dialect === 'v2' ? V2_SECRET : V3_SECRET, dedupe: dedupe[dialect] }),
    published,
  );
  v3 = linqClient(sandbox, { dialect: 'v3' });
  v2 = linqClient(sandbox, { dialect: 'v2' });
});

afterAll(() => closeAll(v3, v2, sandbox, receiver, bus));

afterEach(async () => {
  await sandbox.controls.webhooksIdle();
  sandbox.controls.removeWebhookTargets();
  published.length = 0;
  receiver.requests.length = 0;
});

const fx = () => sandbox.store.fixtures();
/** Every webhook delivery so far, once none is in flight or waiting for a retry. */
const settled = async () => {
  await sandbox.controls.webhooksIdle();
  return sandbox.controls.webhookDeliveries();
};
const target = (dialect: 'v2' | 'v3', query = '') => ({
  url: `${receiver.url}/webhooks/linq/${dialect}${query}`,
  dialect,
  secret: dialect === 'v2' ? V2_SECRET : V3_SECRET,
});

/** Next event on the chat's topic (the subscription is attached before `action` runs). */
async function nextEvent(dialect: 'v2' | 'v3', chatId: string, action: () => Promise<unknown>) {
  const it = bus.subscribe(dialect, chatId);
  const next = it.next();
  await action();
  const result = await next;
  await it.return?.();
  return result.value as ChatEvent;
}

describe('sandbox → receiver → bus (v3)', () => {
  it('a message sent through the adapter arrives as a verified messageAdded', async () => {
    sandbox.controls.addWebhookTarget(target('v3'));
    const chatId = fx().bigChat.uuid;
    let sentId = '';
    const event = await nextEvent('v3', chatId, async () => {
      const sent = await v3.sendMessage({ chatId, text: 'hello webhooks' });
      sentId = sent.message.id;
    });
    expect(event).toMatchObject({
      type: 'messageAdded',
      dialect: 'v3',
      chatId,
      messageId: sentId,
      direction: 'OUTBOUND',
      upstreamType: 'message.sent',
    });
    const deliveries = await settled();
    const [delivery] = deliveries.filter((d) => d.eventId === event.eventId);
    expect(delivery).toMatchObject({ status: 204, webhookVersion: '2026-02-03', attempt: 1 });
  });

  it('understands the 2025-01-01 payload version picked by ?version= in the URL', async () => {
    sandbox.controls.addWebhookTarget(target('v3', '?version=2025-01-01'));
    const chatId = fx().bigChat.uuid;
    const send = () => v3.sendMessage({ chatId, text: 'old format' });
    const event = await nextEvent('v3', chatId, send);
    expect(event).toMatchObject({ type: 'messageAdded', direction: 'OUTBOUND' });
    const body = (await settled()).at(-1)?.body as Record<string, unknown>;
    expect(body).toMatchObject({ api_version: 'v3', webhook_version: '2025-01-01' });
    expect((body.data as { message: { id: string } }).message.id).toBe(
      (event as { messageId: string }).messageId,
    );
  });

  it('edit, reaction, delete, inbound, typing and receipts become domain events', async () => {
    sandbox.controls.addWebhookTarget(target('v3'));
    const chatId = fx().bigChat.uuid;
    const sent = await v3.sendMessage({ chatId, text: 'typo' });
    const ref = { id: sent.message.id, chatId };
    await sandbox.controls.webhooksIdle();

    const edited = await nextEvent('v3', chatId, () => v3.editMessage(ref, { text: 'fixed' }));
    expect(edited).toMatchObject({ type: 'messageUpdated', change: 'EDITED', messageId: ref.id });

    const reacted = await nextEvent('v3', chatId, () =>
      v3.react(ref, { operation: 'ADD', type: 'LOVE', partIndex: 0 }),
    );
    expect(reacted).toMatchObject({
      type: 'reactionChanged',
      action: 'ADDED',
      reactionType: 'LOVE',
      partIndex: 0,
      isFromMe: true,
      messageId: ref.id,
    });
    const unreacted = await nextEvent('v3', chatId, () =>
      v3.react(ref, { operation: 'REMOVE', type: 'LOVE', partIndex: 0 }),
    );
    expect(unreacted).toMatchObject({ type: 'reactionChanged', action: 'REMOVED' });

    const read = await nextEvent('v3', chatId, async () =>
      sandbox.controls.simulateReceipt(ref.id, 'read'),
    );
    expect(read).toMatchObject({ type: 'messageUpdated', change: 'READ', messageId: ref.id });

    const deleted = await nextEvent('v3', chatId, () => v3.deleteMessage(ref));
    expect(deleted).toMatchObject({ type: 'messageDeleted', messageId: ref.id });

    let inboundId = '';
    const inbound = await nextEvent('v3', chatId, async () => {
      inboundId = sandbox.controls.simulateInbound({ chatId, text: 'hi from a human' }).uuid;
    });
    expect(inbound).toMatchObject({
      type: 'messageAdded',
      direction: 'INBOUND',
      messageId: inboundId,
    });
    // The subscriber reloads through the adapter: the message really exists upstream.
    const reloaded = await v3.getMessage({ id: inboundId, chatId });
    expect(reloaded.text).toBe('hi from a human');

    const typing = await nextEvent('v3', chatId, async () =>
      sandbox.controls.simulateTyping({ chatId }),
    );
    expect(typing).toMatchObject({ type: 'typing', isTyping: true, chatId });
  });

  it('a duplicated delivery is published once (dedupe on event_id)', async () => {
    sandbox.controls.addWebhookTarget({ ...target('v3'), duplicate: true });
    const chatId = fx().bigChat.uuid;
    await v3.sendMessage({ chatId, text: 'twice' });
    const deliveries = (await settled()).slice(-2);
    expect(deliveries.map((d) => [d.duplicate, d.status])).toEqual([
      [false, 204],
      [true, 204],
    ]);
    expect(deliveries[0]?.eventId).toBe(deliveries[1]?.eventId);
    expect(published.filter((e) => e.eventId === deliveries[0]?.eventId)).toHaveLength(1);
  });

  it('retries 5xx answers and delivers at least once', async () => {
    sandbox.controls.addWebhookTarget(target('v3'));
    receiver.failNext(503, 2);
    const chatId = fx().bigChat.uuid;
    await v3.sendMessage({ chatId, text: 'retry me' });
    const attempts = (await settled()).slice(-3);
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 204],
    ]);
    expect(published).toHaveLength(1);
  });

  it('does not retry a 401 (bad secret) and publishes nothing', async () => {
    sandbox.controls.addWebhookTarget({ ...target('v3'), secret: 'whsec_wrong' });
    await v3.sendMessage({ chatId: fx().bigChat.uuid, text: 'bad secret' });
    const last = (await settled()).at(-1);
    expect(last).toMatchObject({ attempt: 1, status: 401 });
    expect(published).toHaveLength(0);
  });

  it('never delays the API response: a hanging receiver does not block a send', async () => {
    sandbox.controls.addWebhookTarget(target('v3'));
    const before = sandbox.controls.webhookDeliveries().length;
    receiver.hold();
    try {
      const sent = await v3.sendMessage({ chatId: fx().bigChat.uuid, text: 'no wait' });
      expect(sent.message.id).toMatch(/[0-9a-f-]{36}/);
      // The send returned while its delivery is still unanswered.
      expect(sandbox.controls.webhookDeliveries().length).toBe(before);
    } finally {
      receiver.release();
    }
    expect((await settled()).slice(before).map((d) => d.status)).toEqual([204]);
  });

  it("events go only to the subscriptions of the chat's account", async () => {
    sandbox.controls.addWebhookTarget({ ...target('v3'), account: 'other' });
    const before = sandbox.controls.webhookDeliveries().length;
    await v3.sendMessage({ chatId: fx().bigChat.uuid, text: 'not for other' });
    sandbox.controls.simulateInbound({ chatId: fx().bigChat.uuid, text: 'nor this' });
    await sandbox.controls.webhooksIdle();
    expect(sandbox.controls.webhookDeliveries().length).toBe(before);
    // …while a chat of the other account does reach it.
    sandbox.controls.simulateInbound({ chatId: fx().otherChat.uuid, text: 'for other' });
    expect((await settled()).slice(before).map((d) => d.eventType)).toEqual(['message.received']);
  });
});

describe('sandbox → receiver → bus (v2)', () => {
  it('sent, inbound, reaction and typing arrive with v2 ids', async () => {
    sandbox.controls.addWebhookTarget(target('v2'));
    const chatId = String(fx().bigChat.v2Id);
    let sentId = '';
    const sent = await nextEvent('v2', chatId, async () => {
      sentId = (await v2.sendMessage({ chatId, text: 'v2 hello' })).message.id;
    });
    expect(sent).toMatchObject({ type: 'messageAdded', dialect: 'v2', chatId, messageId: sentId });
    const reaction = await nextEvent('v2', chatId, () =>
      v2.react({ id: sentId, chatId }, { operation: 'ADD', type: 'LIKE' }),
    );
    expect(reaction).toMatchObject({
      type: 'reactionChanged',
      reactionType: 'LIKE',
      isFromMe: true,
    });
    expect((reaction as { reactionId: string | null }).reactionId).toMatch(/^\d+$/);
    const inbound = await nextEvent('v2', chatId, async () => {
      sandbox.controls.simulateInbound({ chatId, text: 'v2 inbound' });
    });
    expect(inbound).toMatchObject({ type: 'messageAdded', direction: 'INBOUND' });
    const typing = await nextEvent('v2', chatId, async () =>
      sandbox.controls.simulateTyping({ chatId, typing: false }),
    );
    expect(typing).toMatchObject({ type: 'typing', isTyping: false });
    await sandbox.controls.webhooksIdle();
    const signatures = receiver.requests.map((r) => r.headers['x-webhook-signature']);
    expect(signatures.length).toBeGreaterThanOrEqual(4);
    for (const s of signatures) expect(s).toMatch(/^sha256=[0-9a-f]{64}$/);
  });
});
