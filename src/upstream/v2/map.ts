/** v2 DTOs (types/v2.ts) → the domain model. Checks each field it reads (see check.ts). */
import * as c from '../check.js';
import type {
  Attachment,
  Chat,
  DeliveryStatus,
  Handle,
  Message,
  MessagePart,
  PhoneNumber,
  Reaction,
  ReactionType,
  Service,
} from '../model.js';
import type { components } from '../types/v2.js';

type S = components['schemas'];

export const SERVICES = {
  iMessage: 'IMESSAGE',
  SMS: 'SMS',
  RCS: 'RCS',
} as const satisfies Record<NonNullable<S['Chat']['service']>, Service>;

export const REACTION_TYPES = {
  love: 'LOVE',
  like: 'LIKE',
  dislike: 'DISLIKE',
  laugh: 'LAUGH',
  emphasize: 'EMPHASIZE',
  question: 'QUESTION',
} as const satisfies Record<NonNullable<S['Reaction']['reaction']>, ReactionType>;

const STATUSES = {
  pending: 'PENDING',
  delivered: 'DELIVERED',
  service_unavailable: 'SERVICE_UNAVAILABLE',
  paused: 'PAUSED',
} as const satisfies Record<NonNullable<S['ChatMessage']['delivery_status']>, DeliveryStatus>;

export function mapPhoneNumber(raw: unknown): PhoneNumber {
  const p = c.obj<S['PhoneNumber']>(raw, 'phone_number');
  return {
    id: c.id(p.id, 'phone_number.id'),
    phoneNumber: c.str(p.phone_number, 'phone_number.phone_number'),
    forwardingNumber: c.optStr(p.forwarding_number, 'phone_number.forwarding_number'),
  };
}

export function mapHandle(raw: unknown): Handle {
  const h = c.obj<S['ChatHandle']>(raw, 'chat_handle');
  return {
    id: c.id(h.id, 'chat_handle.id'),
    address: c.str(h.phone_number, 'chat_handle.phone_number'),
    service: c.optOneOf(h.service, SERVICES, 'chat_handle.service'),
    isMe: null,
    status: null,
    joinedAt: c.optStr(h.joined_at, 'chat_handle.joined_at'),
    leftAt: null,
  };
}

export function mapChat(raw: unknown): Chat {
  const ch = c.obj<S['Chat']>(raw, 'chat');
  return {
    id: c.id(ch.id, 'chat.id'),
    displayName: c.optStr(ch.display_name, 'chat.display_name'),
    service: c.optOneOf(ch.service, SERVICES, 'chat.service'),
    isGroup: c.optBool(ch.group, 'chat.group') ?? false,
    isArchived: null,
    handles: c.optArr(ch.chat_handles, 'chat.chat_handles').map(mapHandle),
    messageCount: c.optNum(ch.message_count, 'chat.message_count'),
    createdAt: null,
    updatedAt: null,
  };
}

export function mapAttachment(raw: unknown): Attachment {
  const a = c.obj<S['Attachment']>(raw, 'attachment');
  return {
    id: c.id(a.id, 'attachment.id'),
    url: c.optStr(a.url, 'attachment.url'),
    filename: c.optStr(a.filename, 'attachment.filename'),
    mimeType: c.optStr(a.mime_type, 'attachment.mime_type'),
    sizeBytes: c.optNum(a.file_size, 'attachment.file_size'),
  };
}

/** `chatId` is known when the reaction was read through its message. */
export function mapReaction(raw: unknown, chatId: string | null, messageId?: string): Reaction {
  const r = c.obj<S['Reaction']>(raw, 'reaction');
  return {
    id: c.id(r.id, 'reaction.id'),
    messageId: c.optId(r.chat_message_id, 'reaction.chat_message_id') ?? messageId ?? '',
    chatId,
    partIndex: null,
    type: c.oneOf(r.reaction, REACTION_TYPES, 'reaction.reaction'),
    customEmoji: null,
    sticker: null,
    handle: null,
    senderAddress: c.optStr(r.from_phone, 'reaction.from_phone'),
    isFromMe: c.optBool(r.is_from_me, 'reaction.is_from_me'),
    sentAt: c.optStr(r.sent_at, 'reaction.sent_at'),
    createdAt: c.optStr(r.created_at, 'reaction.created_at'),
    updatedAt: c.optStr(r.updated_at, 'reaction.updated_at'),
  };
}

/**
 * v2 messages have `text` + `attachments`; they become `[text part] + media parts` (the text
 * part is omitted when the text is empty). v2 has no direction field: `isFromMe` is null.
 */
export function mapMessage(raw: unknown, chatId: string): Message {
  const m = c.obj<S['ChatMessage']>(raw, 'chat_message');
  const id = c.id(m.id, 'chat_message.id');
  const text = c.optStr(m.text, 'chat_message.text');
  const attachments = c.optArr(m.attachments, 'chat_message.attachments').map(mapAttachment);
  const parts: MessagePart[] = [];
  if (text) parts.push({ kind: 'text', index: 0, value: text, decorations: [] });
  for (const attachment of attachments) {
    parts.push({ kind: 'media', index: parts.length, attachment });
  }
  const isRead = c.optBool(m.is_read, 'chat_message.is_read');
  const status = c.optOneOf(m.delivery_status, STATUSES, 'chat_message.delivery_status');
  return {
    id,
    chatId,
    text: text || null,
    parts,
    attachments,
    sender: null,
    senderHandleId: c.optId(m.chat_handle_id, 'chat_message.chat_handle_id'),
    senderAddress: c.optStr(m.sent_from, 'chat_message.sent_from'),
    isFromMe: null,
    status: isRead ? 'READ' : status,
    sentAt: c.optStr(m.sent_at, 'chat_message.sent_at'),
    deliveredAt: c.optStr(m.delivered_at, 'chat_message.delivered_at'),
    readAt: null,
    editedAt: c.optStr(m.edited_at, 'chat_message.edited_at'),
    createdAt: null,
    updatedAt: null,
    replyTo: null,
    effect: null,
    service: null,
    reactions: c
      .optArr(m.reactions, 'chat_message.reactions')
      .map((r) => mapReaction(r, chatId, id)),
  };
}
