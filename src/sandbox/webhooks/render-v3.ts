/**
 * Sandbox events → v3 webhook `{event_type, data}` in payload version 2025-01-01 or 2026-02-03
 * (linq-api-v3.yaml `webhooks`). Webhook parts carry no `reactions`. `message.edited` exists in
 * the newer contract's 2026-02-03 format only; `message.deleted` is a sandbox extension.
 */
import type { ChatRec, MessageRec } from '../records.js';
import { handleV3, partV3 } from '../v3/render.js';
import { myHandle } from '../store.js';
import type { SandboxEvent, WebhookVersion } from './types.js';
import type { Rendered } from './render-v2.js';

function parts(m: MessageRec) {
  return m.parts.map((p) => {
    const { reactions: _omit, ...rest } = partV3(p, false) as { reactions?: unknown };
    return rest;
  });
}

const replyTo = (m: MessageRec) =>
  m.replyTo ? { message_id: m.replyTo.messageId, part_index: m.replyTo.partIndex } : null;

function chatRef(chat: ChatRec) {
  return { id: chat.uuid, is_group: chat.isGroup, owner_handle: handleV3(myHandle(chat)) };
}

/** MessageEventV2 (2026-02-03). */
function flat(m: MessageRec): Record<string, unknown> {
  return {
    chat: chatRef(m.chat),
    id: m.uuid,
    idempotency_key: m.idempotencyKey,
    direction: m.isFromMe ? 'outbound' : 'inbound',
    sender_handle: handleV3(m.from),
    parts: parts(m),
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
    read_at: m.readAt,
    reply_to: replyTo(m),
    effect: m.effect,
    service: m.service,
    preferred_service: null,
  };
}

/** MessageEvent (2025-01-01). */
function nested(m: MessageRec): Record<string, unknown> {
  const me = myHandle(m.chat);
  return {
    chat_id: m.chat.uuid,
    is_group: m.chat.isGroup,
    idempotency_key: m.idempotencyKey,
    from: m.from.address,
    from_handle: handleV3(m.from),
    message: {
      id: m.uuid,
      parts: parts(m),
      ...(m.effect ? { effect: m.effect } : {}),
      ...(m.replyTo ? { reply_to: replyTo(m) } : {}),
      is_delivered: m.deliveredAt !== null,
      is_read: m.readAt !== null,
      sent_at: m.sentAt,
      delivered_at: m.deliveredAt,
      read_at: m.readAt,
      created_at: m.createdAt,
      updated_at: m.updatedAt,
    },
    recipient_phone: m.isFromMe ? null : me.address,
    recipient_handle: m.isFromMe ? null : handleV3(me),
    is_from_me: m.isFromMe,
    received_at: m.isFromMe ? null : m.createdAt,
    service: m.service,
    preferred_service: null,
  };
}

function messageData(event: SandboxEvent & { message: MessageRec }, v: WebhookVersion) {
  const m = event.message;
  if (v === '2026-02-03') return flat(m);
  const data = nested(m);
  if (event.kind === 'message.read') Object.assign(data, { message_id: m.uuid, read_at: m.readAt });
  if (event.kind === 'message.delivered') {
    Object.assign(data, { message_id: m.uuid, delivered_at: m.deliveredAt });
  }
  return data;
}

export function renderV3(event: SandboxEvent, version: WebhookVersion): Rendered | null {
  switch (event.kind) {
    case 'message.sent':
    case 'message.received':
    case 'message.delivered':
    case 'message.read':
      return { eventType: event.kind, data: messageData(event, version) };
    case 'message.edited': {
      if (version !== '2026-02-03') return null;
      const m = event.message;
      const part = m.parts[event.partIndex];
      const text = part && part.type !== 'media' ? part.value : '';
      return {
        eventType: 'message.edited',
        data: {
          id: m.uuid,
          chat: chatRef(m.chat),
          direction: m.isFromMe ? 'outbound' : 'inbound',
          sender_handle: handleV3(m.from),
          edited_at: m.editedAt,
          part: { index: event.partIndex, text },
        },
      };
    }
    case 'message.deleted':
      return {
        eventType: 'message.deleted',
        data: { id: event.message.uuid, chat: chatRef(event.message.chat), deleted_at: event.at },
      };
    case 'reaction.added':
    case 'reaction.removed': {
      const r = event.reaction;
      const sticker = r.sticker;
      return {
        eventType: event.kind,
        data: {
          chat_id: r.message.chat.uuid,
          from: r.handle.address,
          from_handle: handleV3(r.handle),
          message_id: r.message.uuid,
          part_index: r.partIndex,
          reaction_type: r.type,
          custom_emoji: r.customEmoji,
          is_from_me: r.handle.isMe,
          service: r.message.service,
          reacted_at: event.at,
          sticker: sticker
            ? {
                url: sticker.url,
                mime_type: sticker.mimeType,
                width: sticker.width,
                height: sticker.height,
                file_name: sticker.fileName,
              }
            : null,
        },
      };
    }
    case 'typing.started':
    case 'typing.stopped':
      return {
        eventType:
          event.kind === 'typing.started'
            ? 'chat.typing_indicator.started'
            : 'chat.typing_indicator.stopped',
        data: { chat_id: event.chat.uuid },
      };
  }
}
