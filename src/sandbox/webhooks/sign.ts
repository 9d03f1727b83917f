/** Webhook bodies and signatures as Linq sends them (linq-api.md §10). */
import { createHmac } from 'node:crypto';

/** JSON with object keys sorted recursively (the v2 docs: signatures use canonical JSON). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    out[key] = sortKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}

const hmac = (secret: string, data: string) =>
  createHmac('sha256', secret).update(data, 'utf8').digest('hex');

/** v2: `X-Webhook-Signature: sha256=<hex>` over the raw body; only with a secret. */
export function v2Headers(body: string, secret: string | null): Record<string, string> {
  return secret ? { 'X-Webhook-Signature': `sha256=${hmac(secret, body)}` } : {};
}

/** v3: hex HMAC over `{timestamp}.{body}` plus the event, subscription and timestamp headers. */
export function v3Headers(
  body: string,
  secret: string,
  eventType: string,
  subscriptionId: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'X-Webhook-Event': eventType,
    'X-Webhook-Subscription-ID': subscriptionId,
    'X-Webhook-Timestamp': timestamp,
    'X-Webhook-Signature': hmac(secret, `${timestamp}.${body}`),
  };
}
