// v3 contract cases: webhook event types and subscriptions (openapi-v3.test.ts).
import { expect } from 'vitest';
import { listsOwnOnly, type Case } from '../helpers/openapi-cases.js';
import { NO_SUCH, unauthorized, type V3Ctx } from './openapi-v3-ctx.js';

const EVENTS = 'GET /v3/webhook-events';
const CREATE = 'POST /v3/webhook-subscriptions';
const LIST = 'GET /v3/webhook-subscriptions';
const GET = 'GET /v3/webhook-subscriptions/{subscriptionId}';
const PUT = 'PUT /v3/webhook-subscriptions/{subscriptionId}';
const DEL = 'DELETE /v3/webhook-subscriptions/{subscriptionId}';

// Port 9 (discard): deliveries to these subscriptions fail fast and are not part of the contract.
const body = {
  target_url: 'http://127.0.0.1:9/hook?version=2025-01-01',
  subscribed_events: ['message.sent'],
};

async function subscribe(c: V3Ctx, auth: 'primary' | 'other' = 'primary'): Promise<string> {
  const res = (await c.get(CREATE, { body, auth })) as { id: string };
  return res.id;
}

const noSecret = (value: unknown) => expect(JSON.stringify(value)).not.toContain('signing_secret');

export const V3_WEBHOOK_CASES: Array<Case<V3Ctx>> = [
  {
    name: '200 lists the event types',
    route: EVENTS,
    build: () => ({
      expect: 200,
      check: (r) => expect((r.body as { events: string[] }).events).toContain('message.received'),
    }),
  },
  ...unauthorized(EVENTS, () => ({})),
  {
    name: '201 creates a subscription and shows the signing secret once',
    route: CREATE,
    build: () => ({
      body,
      expect: 201,
      check: (r) => expect((r.body as { signing_secret: string }).signing_secret).toMatch(/\S{16}/),
    }),
  },
  {
    name: '400 without target_url',
    route: CREATE,
    build: () => ({
      body: { subscribed_events: ['message.sent'] },
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: '400 with an unknown event type',
    route: CREATE,
    build: () => ({
      body: { ...body, subscribed_events: ['message.nope'] },
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: '400 with no events',
    route: CREATE,
    build: () => ({ body: { ...body, subscribed_events: [] }, expect: 400, invalidRequest: true }),
  },
  ...unauthorized(CREATE, () => ({ body })),
  listsOwnOnly(
    "200 lists the account's subscriptions without secrets",
    LIST,
    subscribe,
    (b) => (b as { subscriptions: Array<{ id: string }> }).subscriptions.map((s) => s.id),
    noSecret,
  ),
  ...unauthorized(LIST, () => ({})),
  {
    name: '200 gets one subscription without its secret',
    route: GET,
    build: async (c) => ({
      path: { subscriptionId: await subscribe(c) },
      expect: 200,
      check: (r) => noSecret(r.body),
    }),
  },
  {
    name: 'unknown id → 404',
    route: GET,
    build: () => ({ path: { subscriptionId: NO_SUCH }, expect: 404 }),
  },
  {
    name: "another account's subscription → 404",
    route: GET,
    build: async (c) => ({ path: { subscriptionId: await subscribe(c, 'other') }, expect: 404 }),
  },
  ...unauthorized(GET, () => ({ path: { subscriptionId: NO_SUCH } })),
  {
    name: '200 deactivates and changes events',
    route: PUT,
    build: async (c) => ({
      path: { subscriptionId: await subscribe(c) },
      body: { is_active: false, subscribed_events: ['message.received', 'reaction.added'] },
      expect: 200,
      check: (r) =>
        expect(r.body).toMatchObject({
          is_active: false,
          subscribed_events: ['message.received', 'reaction.added'],
        }),
    }),
  },
  {
    name: '400 with an invalid target_url',
    route: PUT,
    build: async (c) => ({
      path: { subscriptionId: await subscribe(c) },
      body: { target_url: 'not a url' },
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: 'unknown id → 404',
    route: PUT,
    build: () => ({ path: { subscriptionId: NO_SUCH }, body: { is_active: true }, expect: 404 }),
  },
  ...unauthorized(PUT, () => ({ path: { subscriptionId: NO_SUCH }, body: { is_active: true } })),
  {
    name: '204 deletes a subscription',
    route: DEL,
    build: async (c) => ({ path: { subscriptionId: await subscribe(c) }, expect: 204 }),
  },
  {
    name: 'unknown id → 404',
    route: DEL,
    build: () => ({ path: { subscriptionId: NO_SUCH }, expect: 404 }),
  },
  ...unauthorized(DEL, () => ({ path: { subscriptionId: NO_SUCH } })),
];
