/**
 * v3 webhook subscriptions (/v3/webhook-subscriptions, /v3/webhook-events). The server makes
 * the `signing_secret` and shows it once, on create. `?version=` in target_url picks the
 * payload version.
 */
import { randomBytes } from 'node:crypto';
import { badRequest, missingField, notFound } from '../http/errors.js';
import { nowIso, ok, readObject, type Ctx, type RouteDef } from '../http/http.js';
import type { WebhookTarget } from './types.js';
import { validVersionParam, versionOf } from './version.js';

export const V3_WEBHOOK_EVENTS = [
  'message.sent',
  'message.received',
  'message.read',
  'message.delivered',
  'message.failed',
  'message.edited',
  'reaction.added',
  'reaction.removed',
  'participant.added',
  'participant.removed',
  'chat.created',
  'chat.group_name_updated',
  'chat.group_icon_updated',
  'chat.group_name_update_failed',
  'chat.group_icon_update_failed',
  'chat.typing_indicator.started',
  'chat.typing_indicator.stopped',
  'phone_number.status_updated',
];

const render = (t: WebhookTarget) => ({
  id: t.id,
  target_url: t.url,
  subscribed_events: [...(t.events ?? [])],
  is_active: t.active,
  created_at: t.createdAt,
  updated_at: t.updatedAt,
});

function url(value: unknown): string {
  if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value) || !validVersionParam(value)) {
    throw badRequest('target_url must be an http(s) URL; ?version= must be YYYY-MM-DD');
  }
  return value;
}

function events(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest('subscribed_events must be a non-empty list');
  }
  for (const e of value) {
    if (!V3_WEBHOOK_EVENTS.includes(e as string)) {
      throw badRequest(`Unknown event type: ${String(e)}`);
    }
  }
  return [...new Set(value as string[])];
}

function find(ctx: Ctx): WebhookTarget {
  const id = (ctx.params.subscriptionId ?? '').toLowerCase();
  const t = ctx.store.webhookSubscriptions.find(
    (w) => w.dialect === 'v3' && w.id === id && w.accountId === ctx.account.id,
  );
  if (!t) throw notFound('Webhook subscription not found');
  return t;
}

async function create(ctx: Ctx) {
  const body = await readObject(ctx);
  if (body.target_url === undefined) throw missingField('target_url');
  if (body.subscribed_events === undefined) throw missingField('subscribed_events');
  const target_url = url(body.target_url);
  const subscribed = events(body.subscribed_events);
  const now = nowIso();
  const target: WebhookTarget = {
    id: ctx.store.rng.uuid(),
    dialect: 'v3',
    accountId: ctx.account.id,
    url: target_url,
    secret: `whsec_${randomBytes(24).toString('hex')}`,
    events: subscribed,
    version: versionOf(target_url),
    active: true,
    createdAt: now,
    updatedAt: now,
    lastDeliveredAt: null,
    deliveryAttempts: 0,
    duplicate: false,
    programmatic: false,
  };
  ctx.store.webhookSubscriptions.push(target);
  return ok({ ...render(target), signing_secret: target.secret }, 201);
}

async function update(ctx: Ctx) {
  const target = find(ctx);
  const body = await readObject(ctx);
  const next = {
    url: body.target_url === undefined ? undefined : url(body.target_url),
    events: body.subscribed_events === undefined ? undefined : events(body.subscribed_events),
  };
  if (body.is_active !== undefined && typeof body.is_active !== 'boolean') {
    throw badRequest('is_active must be a boolean');
  }
  if (next.url !== undefined) {
    target.url = next.url;
    if (new URL(next.url).searchParams.has('version')) target.version = versionOf(next.url);
  }
  if (next.events !== undefined) target.events = next.events;
  if (typeof body.is_active === 'boolean') target.active = body.is_active;
  target.updatedAt = nowIso();
  return ok(render(target));
}

function remove(ctx: Ctx) {
  const target = find(ctx);
  const list = ctx.store.webhookSubscriptions;
  list.splice(list.indexOf(target), 1);
  return { status: 204 };
}

const list = (ctx: Ctx) =>
  ok({
    subscriptions: ctx.store.webhookSubscriptions
      .filter((w) => w.dialect === 'v3' && w.accountId === ctx.account.id)
      .map(render),
  });

const eventTypes = () =>
  ok({
    events: V3_WEBHOOK_EVENTS,
    doc_url: 'https://apidocs.linqapp.com/documentation/webhook-events',
  });

const S = '/v3/webhook-subscriptions';

export const v3WebhookRoutes: RouteDef[] = [
  { method: 'GET', template: '/v3/webhook-events', handler: eventTypes },
  { method: 'POST', template: S, handler: create },
  { method: 'GET', template: S, handler: list },
  { method: 'GET', template: `${S}/{subscriptionId}`, handler: (c: Ctx) => ok(render(find(c))) },
  { method: 'PUT', template: `${S}/{subscriptionId}`, handler: update },
  { method: 'DELETE', template: `${S}/{subscriptionId}`, handler: remove },
].map((r) => ({ ...r, prefix: '/api/partner', dialect: 'v3' as const }));
