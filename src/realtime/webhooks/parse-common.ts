/** Shared pieces of the v2/v3 payload parsers. */
import { z } from 'zod';
import type { ReactionType } from '../../upstream/model.js';
import type { ChatEvent } from './events.js';
import { reject, type Rejection } from './rejection.js';

/** A parsed, verified webhook. `event` is null for event types that carry no chat event. */
export interface ParsedWebhook {
  dialect: 'v2' | 'v3';
  eventId: string;
  eventType: string;
  /** v3 `webhook_version` ('2025-01-01' | '2026-02-03' | newer); null in v2. */
  webhookVersion: string | null;
  occurredAt: string;
  event: ChatEvent | null;
}

/** An id that may arrive as a JSON number (v2) or a string. */
export const anyId = z.union([z.string().min(1).max(200), z.number().int()]).transform(String);

const REACTIONS = new Set(['love', 'like', 'dislike', 'laugh', 'emphasize', 'question']);
const EXTRA = new Set(['custom', 'sticker']);

export function reactionType(value: string | null | undefined): ReactionType | null {
  if (!value) return null;
  const lower = value.toLowerCase();
  return REACTIONS.has(lower) || EXTRA.has(lower) ? (lower.toUpperCase() as ReactionType) : null;
}

/** Parses `data` with `schema`; a mismatch becomes MALFORMED_PAYLOAD naming the event type. */
export function parseData<T>(
  schema: z.ZodType<T>,
  data: unknown,
  eventType: string,
): T | Rejection {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const where = result.error.issues[0]?.path.join('.') || 'data';
  return reject('MALFORMED_PAYLOAD', `${eventType}: invalid or missing data.${where}`);
}

/** Parses JSON from bytes; MALFORMED_JSON when it is not a JSON object. */
export function parseJsonObject(rawBody: Uint8Array): Record<string, unknown> | Rejection {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(rawBody).toString('utf8'));
  } catch {
    return reject('MALFORMED_JSON', 'Webhook body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return reject('MALFORMED_JSON', 'Webhook body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
