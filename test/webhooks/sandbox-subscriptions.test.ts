// Subscriptions created through the sandbox's own v2/v3 APIs deliver webhooks that the gateway
// receiver verifies with the secret from that API (v3: shown once on create); the HTTP controls
// simulate inbound messages and typing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { createMemoryDeduper, type ChatEvent } from '../../src/realtime/webhooks/index.js';
import { startReceiver, type Receiver } from './helpers/receiver.js';

let sandbox: Sandbox;
let receiver: Receiver;
const secrets = { v2: 'client-chosen-v2-secret', v3: '' };
const published: ChatEvent[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, webhooks: { retryDelaysMs: [10], timeoutMs: 2000 } });
  const dedupe = createMemoryDeduper();
  receiver = await startReceiver((dialect) => ({
    dialect,
    secrets: secrets[dialect],
    dedupe,
    publish: (event) => void published.push(event),
  }));
});
afterAll(async () => {
  await sandbox?.close();
  await receiver?.close();
});

async function api(method: string, path: string, dialect: 'v2' | 'v3', body?: unknown) {
  const auth: Record<string, string> =
    dialect === 'v2'
      ? { 'X-LINQ-INTEGRATION-TOKEN': sandbox.tokens.primary }
      : { Authorization: `Bearer ${sandbox.tokens.primary}` };
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...auth },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as unknown) };
}

describe('webhook subscriptions through the sandbox APIs', () => {
  it('v3: the signing_secret of the create response verifies deliveries', async () => {
    const created = await api('POST', '/api/partner/v3/webhook-subscriptions', 'v3', {
      target_url: `${receiver.url}/webhooks/linq/v3?version=2025-01-01`,
      subscribed_events: ['message.received'],
    });
    expect(created.status).toBe(201);
    const sub = created.body as { id: string; signing_secret: string };
    secrets.v3 = sub.signing_secret;
    const chatId = sandbox.store.fixtures().bigChat.uuid;
    const res = await fetch(`${sandbox.url}/__sandbox/inbound`, {
      method: 'POST',
      body: JSON.stringify({ chatId, text: 'via control endpoint' }),
    });
    expect(res.status).toBe(201);
    const { uuid } = (await res.json()) as { uuid: string };
    // typing is not subscribed: not delivered
    await fetch(`${sandbox.url}/__sandbox/typing`, {
      method: 'POST',
      body: JSON.stringify({ chatId }),
    });
    await sandbox.controls.webhooksIdle();
    expect(published).toEqual([
      expect.objectContaining({ type: 'messageAdded', messageId: uuid, direction: 'INBOUND' }),
    ]);
    const delivery = sandbox.controls.webhookDeliveries().at(-1);
    expect(delivery).toMatchObject({ subscriptionId: sub.id, webhookVersion: '2025-01-01' });
    expect(receiver.requests.at(-1)?.headers).toMatchObject({
      'x-webhook-event': 'message.received',
      'x-webhook-subscription-id': sub.id,
    });
    // Deactivated: nothing more is delivered.
    const path = `/api/partner/v3/webhook-subscriptions/${sub.id}`;
    expect((await api('PUT', path, 'v3', { is_active: false })).status).toBe(200);
    sandbox.controls.simulateInbound({ chatId, text: 'not delivered' });
    await sandbox.controls.webhooksIdle();
    expect(published).toHaveLength(1);
  });

  it('v2: the client-supplied secret signs deliveries; without one they are unsigned', async () => {
    published.length = 0;
    const chatId = sandbox.store.fixtures().bigChat.v2Id;
    const input = {
      webhook_url: `${receiver.url}/webhooks/linq/v2`,
      version: 2,
      events: ['message.received'],
    };
    const signed = await api('POST', '/api/partner/v2/webhook_subscriptions', 'v2', {
      webhook_subscription: { ...input, secret: secrets.v2 },
    });
    expect(signed.status).toBe(201);
    sandbox.controls.simulateInbound({ chatId, text: 'v2 signed' });
    await sandbox.controls.webhooksIdle();
    expect(published).toEqual([
      expect.objectContaining({ type: 'messageAdded', dialect: 'v2', chatId: String(chatId) }),
    ]);

    const id = (signed.body as { webhook_subscription: { id: number } }).webhook_subscription.id;
    await api('DELETE', `/api/partner/v2/webhook_subscriptions/${id}`, 'v2');
    await api('POST', '/api/partner/v2/webhook_subscriptions', 'v2', {
      webhook_subscription: input,
    });
    sandbox.controls.simulateInbound({ chatId, text: 'v2 unsigned' });
    await sandbox.controls.webhooksIdle();
    const last = sandbox.controls.webhookDeliveries().at(-1);
    expect(last).toMatchObject({ status: 401, attempt: 1 });
    expect(receiver.requests.at(-1)?.headers['x-webhook-signature']).toBeUndefined();
    expect(published).toHaveLength(1);
  });

  it('reset() clears API subscriptions but keeps programmatic targets', async () => {
    sandbox.controls.addWebhookTarget({
      url: `${receiver.url}/webhooks/linq/v2`,
      dialect: 'v2',
      secret: secrets.v2,
    });
    sandbox.controls.reset();
    expect(sandbox.store.webhookSubscriptions).toHaveLength(0);
    published.length = 0;
    sandbox.controls.simulateInbound({ chatId: sandbox.store.fixtures().bigChat.v2Id, text: 'x' });
    await sandbox.controls.webhooksIdle();
    expect(published).toHaveLength(1);
  });
});

describe('webhooks.deliverAfterMs', () => {
  it('marks sent messages delivered later and emits message.delivered', async () => {
    const webhooks = { deliverAfterMs: 20, retryDelaysMs: [] };
    const own = await startSandbox({ port: 0, webhooks });
    secrets.v3 ||= 'whsec_auto_delivery';
    try {
      own.controls.addWebhookTarget({
        url: `${receiver.url}/webhooks/linq/v3`,
        dialect: 'v3',
        secret: secrets.v3,
        events: ['message.sent', 'message.delivered'],
      });
      const chatId = own.store.fixtures().bigChat.uuid;
      const res = await fetch(`${own.url}/api/partner/v3/chats/${chatId}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${own.tokens.primary}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ message: { parts: [{ type: 'text', value: 'deliver me' }] } }),
      });
      expect(res.status).toBe(202);
      const id = ((await res.json()) as { message: { id: string } }).message.id;
      while (!own.controls.webhookDeliveries().some((d) => d.eventType === 'message.delivered')) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await own.controls.webhooksIdle();
      expect(own.controls.webhookDeliveries().map((d) => [d.eventType, d.status])).toEqual([
        ['message.sent', 204],
        ['message.delivered', 204],
      ]);
      expect(own.store.getMessage(id)?.deliveredAt).not.toBeNull();
    } finally {
      await own.close();
    }
  });
});
