/**
 * v3 webhook payloads → ChatEvent. Both payload versions are understood: 2025-01-01 (message
 * fields nested under `message`, `chat_id` at the top) and 2026-02-03 (flat message, `chat`
 * object). Non-chat events (participants, chat.*, phone_number.*) are accepted and ignored.
 */
import { z } from 'zod';
import type { ChatEvent, MessageChange } from './events.js';
import { isRejection, reject, type Rejection } from './rejection.js';
import { parseData, reactionType, type ParsedWebhook } from './parse-common.js';

const envelope = z.object({
  api_version: z.literal('v3'),
  webhook_version: z.string().max(40).optional(),
  event_type: z.string().min(1).max(100),
  event_id: z.string().min(1).max(200),
  created_at: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()),
});

const id = z.string().min(1).max(200);
/** 2026-02-03 message events (MessageEventV2) and message.edited / message.deleted. */
const flatMessage = z.object({
  id,
  chat: z.object({ id }),
  direction: z.enum(['inbound', 'outbound']).optional(),
});
/** 2025-01-01 message events (MessageEvent, MessageReadEvent, MessageDeliveredEvent). */
const nestedMessage = z.object({
  chat_id: id,
  is_from_me: z.boolean().nullish(),
  message_id: id.optional(),
  message: z.object({ id: id.optional() }).optional(),
});
const failed = z.object({ chat_id: id.optional(), message_id: id.optional() });
const reaction = z.object({
  chat_id: id,
  message_id: id,
  part_index: z.number().int().min(0).nullish(),
  reaction_type: z.string().max(40),
  custom_emoji: z.string().max(100).nullish(),
  is_from_me: z.boolean().nullish(),
});
const typing = z.object({ chat_id: id });

const UPDATES: Record<string, MessageChange> = {
  'message.edited': 'EDITED',
  'message.delivered': 'DELIVERED',
  'message.read': 'READ',
};

type Base = { dialect: 'v3'; eventId: string; upstreamType: string; occurredAt: string };

function messageRef(
  data: unknown,
  type: string,
  version: string,
): { chatId: string; messageId: string; inbound: boolean | null } | Rejection {
  const flat = version >= '2026-02-03' || 'chat' in (data as object);
  if (flat) {
    const d = parseData(flatMessage, data, type);
    if (isRejection(d)) return d;
    const inbound = d.direction === undefined ? null : d.direction === 'inbound';
    return { chatId: d.chat.id, messageId: d.id, inbound };
  }
  const d = parseData(nestedMessage, data, type);
  if (isRejection(d)) return d;
  const messageId = d.message?.id ?? d.message_id;
  if (!messageId) return reject('MALFORMED_PAYLOAD', `${type}: invalid or missing data.message.id`);
  const inbound = d.is_from_me === undefined || d.is_from_me === null ? null : !d.is_from_me;
  return { chatId: d.chat_id, messageId, inbound };
}

function toEvent(
  base: Base,
  type: string,
  data: unknown,
  version: string,
): ChatEvent | Rejection | null {
  if (type === 'message.sent' || type === 'message.received') {
    const ref = messageRef(data, type, version);
    if (isRejection(ref)) return ref;
    const inbound = ref.inbound ?? type === 'message.received';
    const direction = inbound ? 'INBOUND' : 'OUTBOUND';
    const ids = { chatId: ref.chatId, messageId: ref.messageId };
    return { ...base, type: 'messageAdded', ...ids, direction };
  }
  const change = UPDATES[type];
  if (change !== undefined || type === 'message.deleted') {
    const ref = messageRef(data, type, type === 'message.edited' ? '2026-02-03' : version);
    if (isRejection(ref)) return ref;
    const ids = { chatId: ref.chatId, messageId: ref.messageId };
    if (change === undefined) return { ...base, type: 'messageDeleted', ...ids };
    return { ...base, type: 'messageUpdated', ...ids, change };
  }
  if (type === 'message.failed') {
    const d = parseData(failed, data, type);
    if (isRejection(d)) return d;
    if (!d.chat_id || !d.message_id) return null; // cannot be routed to a chat
    const ids = { chatId: d.chat_id, messageId: d.message_id };
    return { ...base, type: 'messageUpdated', ...ids, change: 'FAILED' };
  }
  if (type === 'reaction.added' || type === 'reaction.removed') {
    const d = parseData(reaction, data, type);
    if (isRejection(d)) return d;
    return {
      ...base,
      type: 'reactionChanged',
      chatId: d.chat_id,
      messageId: d.message_id,
      action: type === 'reaction.added' ? 'ADDED' : 'REMOVED',
      reactionType: reactionType(d.reaction_type),
      customEmoji: d.custom_emoji ?? null,
      partIndex: d.part_index ?? null,
      isFromMe: d.is_from_me ?? null,
      reactionId: null,
    };
  }
  if (type === 'chat.typing_indicator.started' || type === 'chat.typing_indicator.stopped') {
    const d = parseData(typing, data, type);
    if (isRejection(d)) return d;
    const isTyping = type === 'chat.typing_indicator.started';
    return { ...base, type: 'typing', chatId: d.chat_id, isTyping };
  }
  return null;
}

/** Parses a verified v3 body (already JSON-decoded). */
export function parseV3(body: Record<string, unknown>): ParsedWebhook | Rejection {
  if (body.api_version !== undefined && body.api_version !== 'v3') {
    return reject('UNSUPPORTED_API_VERSION', 'Expected api_version "v3"');
  }
  const env = parseData(envelope, body, 'envelope');
  if (isRejection(env)) return env;
  // Without webhook_version the payload shape is detected from the data itself.
  const version = env.webhook_version ?? '2025-01-01';
  const base: Base = {
    dialect: 'v3',
    eventId: env.event_id,
    upstreamType: env.event_type,
    occurredAt: env.created_at,
  };
  const event = toEvent(base, env.event_type, env.data, version);
  if (isRejection(event)) return event;
  return {
    dialect: 'v3',
    eventId: env.event_id,
    eventType: env.event_type,
    webhookVersion: env.webhook_version ?? null,
    occurredAt: env.created_at,
    event,
  };
}
