/**
 * v2 webhook payloads → ChatEvent (linq-api-v2.json `x-webhook-events`). v2 has no edit,
 * delete or reaction-removal events; calls, contacts and participants carry no chat event.
 */
import { z } from 'zod';
import type { ChatEvent } from './events.js';
import { isRejection, reject, type Rejection } from './rejection.js';
import { anyId, parseData, reactionType, type ParsedWebhook } from './parse-common.js';

const envelope = z.object({
  api_version: z.literal('v2'),
  created_at: z.string().min(1).max(100),
  event_id: z.string().min(1).max(200),
  event_type: z.string().min(1).max(100),
  data: z.record(z.string(), z.unknown()),
});
const message = z.object({ id: anyId, chat_id: anyId });
const reaction = z.object({
  id: anyId.nullish(),
  chat_id: anyId,
  chat_message_id: anyId,
  reaction: z.string().max(40),
  is_from_me: z.boolean().nullish(),
});
const typing = z.object({ chat_id: anyId });

type Base = { dialect: 'v2'; eventId: string; upstreamType: string; occurredAt: string };

function toEvent(base: Base, type: string, data: unknown): ChatEvent | Rejection | null {
  if (type === 'message.sent' || type === 'message.received' || type === 'message.read') {
    const d = parseData(message, data, type);
    if (isRejection(d)) return d;
    const ids = { chatId: d.chat_id, messageId: d.id };
    if (type === 'message.read') return { ...base, type: 'messageUpdated', ...ids, change: 'READ' };
    const direction = type === 'message.received' ? 'INBOUND' : 'OUTBOUND';
    return { ...base, type: 'messageAdded', ...ids, direction };
  }
  if (type === 'reaction.sent' || type === 'reaction.received') {
    const d = parseData(reaction, data, type);
    if (isRejection(d)) return d;
    return {
      ...base,
      type: 'reactionChanged',
      chatId: d.chat_id,
      messageId: d.chat_message_id,
      action: 'ADDED',
      reactionType: reactionType(d.reaction),
      customEmoji: null,
      partIndex: null,
      isFromMe: d.is_from_me ?? type === 'reaction.sent',
      reactionId: d.id ?? null,
    };
  }
  if (type === 'typing_indicator.received' || type === 'typing_indicator.removed') {
    const d = parseData(typing, data, type);
    if (isRejection(d)) return d;
    return { ...base, type: 'typing', chatId: d.chat_id, isTyping: type.endsWith('.received') };
  }
  return null;
}

/** Parses a verified v2 body (already JSON-decoded). */
export function parseV2(body: Record<string, unknown>): ParsedWebhook | Rejection {
  if (body.api_version !== undefined && body.api_version !== 'v2') {
    return reject('UNSUPPORTED_API_VERSION', 'Expected api_version "v2"');
  }
  const env = parseData(envelope, body, 'envelope');
  if (isRejection(env)) return env;
  const base: Base = {
    dialect: 'v2',
    eventId: env.event_id,
    upstreamType: env.event_type,
    occurredAt: env.created_at,
  };
  const event = toEvent(base, env.event_type, env.data);
  if (isRejection(event)) return event;
  return {
    dialect: 'v2',
    eventId: env.event_id,
    eventType: env.event_type,
    webhookVersion: null,
    occurredAt: env.created_at,
    event,
  };
}
