// v2 contract cases: webhook subscriptions (openapi-v2.test.ts).
import { expect } from 'vitest';
import { listsOwnOnly, type Case } from '../helpers/openapi-cases.js';
import { NO_SUCH, unauthorized, type V2Ctx } from './openapi-v2-ctx.js';

const P = '/api/partner/v2/webhook_subscriptions';
const LIST = `GET ${P}`;
const CREATE = `POST ${P}`;
const PUT = `PUT ${P}/{webhook_subscription_id}`;
const DEL = `DELETE ${P}/{webhook_subscription_id}`;

// Port 9 (discard): deliveries to these subscriptions fail fast and are not part of the contract.
const input = {
  webhook_url: 'http://127.0.0.1:9/hook',
  version: 2,
  events: ['message.received'],
  secret: 'contract-secret',
};
const body = { webhook_subscription: input };

async function subscribe(c: V2Ctx, auth: 'primary' | 'other' = 'primary'): Promise<number> {
  const res = (await c.get(CREATE, { body, auth })) as { webhook_subscription: { id: number } };
  return res.webhook_subscription.id;
}

export const V2_WEBHOOK_CASES: Array<Case<V2Ctx>> = [
  {
    name: '201 creates a subscription; the secret is only reported as configured',
    route: CREATE,
    build: () => ({
      body,
      expect: 201,
      check: (r) => {
        expect(r.body).toMatchObject({ webhook_subscription: { secret_configured: true } });
        expect(JSON.stringify(r.body)).not.toContain('contract-secret');
      },
    }),
  },
  {
    name: '400 without webhook_subscription',
    route: CREATE,
    build: () => ({ body: {}, expect: 400, invalidRequest: true }),
  },
  {
    name: '400 with an unknown event',
    route: CREATE,
    build: () => ({
      body: { webhook_subscription: { ...input, events: ['message.nope'] } },
      expect: 400,
      invalidRequest: true,
    }),
  },
  ...unauthorized(CREATE, () => ({ body })),
  listsOwnOnly("200 lists the account's subscriptions", LIST, subscribe, (b) =>
    (b as { webhook_subscriptions: Array<{ id: number }> }).webhook_subscriptions.map((s) => s.id),
  ),
  ...unauthorized(LIST, () => ({})),
  {
    name: '200 updates a subscription',
    route: PUT,
    build: async (c) => ({
      path: { webhook_subscription_id: await subscribe(c) },
      body: { webhook_subscription: { ...input, active: false, events: ['message.sent'] } },
      expect: 200,
      check: (r) =>
        expect(r.body).toMatchObject({
          webhook_subscription: { active: false, events: ['message.sent'] },
        }),
    }),
  },
  {
    name: "another account's subscription → 404",
    route: PUT,
    build: async (c) => ({
      path: { webhook_subscription_id: await subscribe(c, 'other') },
      body,
      expect: 404,
    }),
  },
  ...unauthorized(PUT, () => ({ path: { webhook_subscription_id: NO_SUCH }, body })),
  {
    name: '204 deletes a subscription',
    route: DEL,
    build: async (c) => ({ path: { webhook_subscription_id: await subscribe(c) }, expect: 204 }),
  },
  {
    name: 'unknown id → 404',
    route: DEL,
    build: () => ({ path: { webhook_subscription_id: NO_SUCH }, expect: 404 }),
  },
  ...unauthorized(DEL, () => ({ path: { webhook_subscription_id: NO_SUCH } })),
];
