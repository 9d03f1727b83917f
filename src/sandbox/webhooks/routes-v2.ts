/** v2 webhook subscriptions: GET/POST /webhook_subscriptions, PUT/DELETE /{id} (client secret). */
import { badRequest, notFound, unprocessable } from '../http/errors.js';
import { nowIso, ok, readObject, type Ctx, type RouteDef } from '../http/http.js';
import type { WebhookTarget } from './types.js';

export const V2_WEBHOOK_EVENTS = [
  'message.sent',
  'message.received',
  'message.read',
  'call.completed',
  'reaction.sent',
  'reaction.received',
  'typing_indicator.received',
  'typing_indicator.removed',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'participant.added',
  'participant.removed',
];

function render(t: WebhookTarget) {
  return {
    id: Number(t.id),
    webhook_url: t.url,
    version: 2,
    events: [...(t.events ?? [])],
    active: t.active,
    secret_configured: t.secret !== null,
    last_delivered_at: t.lastDeliveredAt,
    delivery_attempts: t.deliveryAttempts,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

interface Input {
  url?: string;
  events?: string[];
  secret?: string | null;
  active?: boolean;
}

async function readInput(ctx: Ctx): Promise<Input> {
  const body = await readObject(ctx);
  const sub = body.webhook_subscription;
  if (typeof sub !== 'object' || sub === null || Array.isArray(sub)) {
    throw badRequest('webhook_subscription is required', 1001);
  }
  const s = sub as Record<string, unknown>;
  // The input schema requires these three on PUT as well.
  for (const field of ['webhook_url', 'events', 'version']) {
    if (s[field] === undefined) throw badRequest(`webhook_subscription.${field} is required`, 1001);
  }
  if (typeof s.webhook_url !== 'string') throw badRequest('webhook_url must be a string');
  if (!Number.isInteger(s.version)) throw badRequest('version must be an integer');
  const events = s.events;
  if (!Array.isArray(events) || events.some((e) => !V2_WEBHOOK_EVENTS.includes(e as string))) {
    throw badRequest(`events must be a list of: ${V2_WEBHOOK_EVENTS.join(', ')}`);
  }
  if (s.secret !== undefined && typeof s.secret !== 'string') {
    throw badRequest('secret must be a string');
  }
  if (s.active !== undefined && typeof s.active !== 'boolean') {
    throw badRequest('active must be a boolean');
  }
  if (!/^https?:\/\/\S+$/.test(s.webhook_url)) throw unprocessable('webhook_url must be a URL');
  return {
    url: s.webhook_url,
    events: events as string[],
    secret: s.secret === undefined ? undefined : s.secret || null,
    active: s.active,
  };
}

function find(ctx: Ctx): WebhookTarget {
  const id = ctx.params.webhook_subscription_id ?? '';
  const t = ctx.store.webhookSubscriptions.find(
    (w) => w.dialect === 'v2' && w.id === id && w.accountId === ctx.account.id,
  );
  if (!/^\d{1,15}$/.test(id) || !t) throw notFound('Webhook subscription not found');
  return t;
}

const mine = (ctx: Ctx) =>
  ctx.store.webhookSubscriptions.filter(
    (w) => w.dialect === 'v2' && w.accountId === ctx.account.id,
  );

async function create(ctx: Ctx) {
  const input = await readInput(ctx);
  const now = nowIso();
  const target: WebhookTarget = {
    id: String(ctx.store.nextWebhookV2()),
    dialect: 'v2',
    accountId: ctx.account.id,
    url: input.url ?? '',
    secret: input.secret ?? null,
    events: input.events ?? [],
    version: '2026-02-03',
    active: input.active ?? true,
    createdAt: now,
    updatedAt: now,
    lastDeliveredAt: null,
    deliveryAttempts: 0,
    duplicate: false,
    programmatic: false,
  };
  ctx.store.webhookSubscriptions.push(target);
  return ok({ webhook_subscription: render(target) }, 201);
}

async function update(ctx: Ctx) {
  const target = find(ctx);
  const input = await readInput(ctx);
  if (input.url !== undefined) target.url = input.url;
  if (input.events !== undefined) target.events = input.events;
  if (input.secret !== undefined) target.secret = input.secret;
  if (input.active !== undefined) target.active = input.active;
  target.updatedAt = nowIso();
  return ok({ webhook_subscription: render(target) });
}

function remove(ctx: Ctx) {
  const target = find(ctx);
  const list = ctx.store.webhookSubscriptions;
  list.splice(list.indexOf(target), 1);
  return { status: 204 };
}

const P = '/api/partner/v2/webhook_subscriptions';

export const v2WebhookRoutes: RouteDef[] = [
  {
    method: 'GET',
    template: P,
    handler: (ctx: Ctx) => ok({ webhook_subscriptions: mine(ctx).map(render) }),
  },
  { method: 'POST', template: P, handler: create },
  { method: 'PUT', template: `${P}/{webhook_subscription_id}`, handler: update },
  { method: 'DELETE', template: `${P}/{webhook_subscription_id}`, handler: remove },
].map((r) => ({ ...r, prefix: '', dialect: 'v2' as const }));
