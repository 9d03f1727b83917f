/** v3 DTOs (types/v3.ts) → the domain model. Checks each field it reads (see check.ts). */
import * as c from '../check.js';
import { REACTION_TYPES as TAPBACK_TYPES } from '../v2/map.js';
import type {
  Attachment,
  Chat,
  DeliveryStatus,
  Handle,
  HandleStatus,
  Message,
  MessageEffect,
  MessagePart,
  PhoneNumber,
  Reaction,
  ReactionType,
  Service,
  TextDecoration,
} from '../model.js';
import type { components } from '../types/v3.js';

type S = components['schemas'];
/** The newer contract adds link parts (`{type:'link', value}`), absent from the pinned spec. */
type LinkPartResponse = { type: 'link'; value: string; reactions: S['Reaction'][] | null };
type PartResponse = S['TextPartResponse'] | S['MediaPartResponse'] | LinkPartResponse;

export const SERVICES = {
  iMessage: 'IMESSAGE',
  SMS: 'SMS',
  RCS: 'RCS',
} as const satisfies Record<S['ServiceType'], Service>;

/** v3 = the six v2 tapbacks plus custom emoji and stickers. */
export const REACTION_TYPES = {
  ...TAPBACK_TYPES,
  custom: 'CUSTOM',
  sticker: 'STICKER',
} as const satisfies Record<S['ReactionType'], ReactionType>;

const HANDLE_STATUSES = {
  active: 'ACTIVE',
  left: 'LEFT',
  removed: 'REMOVED',
} as const satisfies Record<NonNullable<S['ChatHandle']['status']>, HandleStatus>;

const SENT_STATUSES = {
  pending: 'PENDING',
  queued: 'QUEUED',
  sent: 'SENT',
  delivered: 'DELIVERED',
  failed: 'FAILED',
} as const satisfies Record<S['DeliveryStatus'], DeliveryStatus>;

const EFFECTS = { screen: 'SCREEN', bubble: 'BUBBLE' } as const;

export function mapPhoneNumber(raw: unknown): PhoneNumber {
  const p = c.obj<S['PhoneNumberInfo']>(raw, 'phone_number');
  return {
    id: c.id(p.id, 'phone_number.id'),
    phoneNumber: c.str(p.phone_number, 'phone_number.phone_number'),
    forwardingNumber: null,
  };
}

export function mapHandle(raw: unknown, what = 'handle'): Handle {
  const h = c.obj<S['ChatHandle']>(raw, what);
  return {
    id: c.id(h.id, what, 'id'),
    address: c.str(h.handle, what, 'handle'),
    service: c.optOneOf(h.service, SERVICES, what, 'service'),
    isMe: c.optBool(h.is_me, what, 'is_me'),
    status: c.optOneOf(h.status, HANDLE_STATUSES, what, 'status') ?? 'ACTIVE',
    joinedAt: c.optStr(h.joined_at, what, 'joined_at'),
    leftAt: c.optStr(h.left_at, what, 'left_at'),
  };
}

export function mapChat(raw: unknown): Chat {
  const ch = c.obj<S['Chat']>(raw, 'chat');
  return {
    id: c.id(ch.id, 'chat.id'),
    displayName: c.optStr(ch.display_name, 'chat.display_name'),
    service: c.optOneOf(ch.service, SERVICES, 'chat.service'),
    isGroup: c.bool(ch.is_group, 'chat.is_group'),
    isArchived: c.optBool(ch.is_archived, 'chat.is_archived'),
    handles: c.arr(ch.handles, 'chat.handles').map((h) => mapHandle(h, 'chat.handles[]')),
    messageCount: null,
    createdAt: c.optStr(ch.created_at, 'chat.created_at'),
    updatedAt: c.optStr(ch.updated_at, 'chat.updated_at'),
  };
}

function mapDecoration(raw: unknown): TextDecoration {
  const d = c.obj<S['TextDecoration']>(raw, 'text_decoration');
  const range = c.arr<unknown>(d.range, 'text_decoration.range');
  return {
    start: c.num(range[0], 'text_decoration.range[0]'),
    end: c.num(range[1], 'text_decoration.range[1]'),
    style: c.optStr(d.style, 'text_decoration.style'),
    animation: c.optStr(d.animation, 'text_decoration.animation'),
  };
}

function mapReaction(raw: unknown, messageId: string, chatId: string, partIndex: number): Reaction {
  const r = c.obj<S['Reaction']>(raw, 'reaction');
  const handle = mapHandle(r.handle, 'reaction.handle');
  const sticker =
    r.sticker == null ? null : c.obj<NonNullable<S['Reaction']['sticker']>>(r.sticker, 'sticker');
  return {
    id: null,
    messageId,
    chatId,
    partIndex,
    type: c.oneOf(r.type, REACTION_TYPES, 'reaction.type'),
    customEmoji: c.optStr(r.custom_emoji, 'reaction.custom_emoji'),
    sticker: sticker && {
      url: c.optStr(sticker.url, 'sticker.url'),
      mimeType: c.optStr(sticker.mime_type, 'sticker.mime_type'),
      width: c.optNum(sticker.width, 'sticker.width'),
      height: c.optNum(sticker.height, 'sticker.height'),
      fileName: c.optStr(sticker.file_name, 'sticker.file_name'),
    },
    handle,
    senderAddress: handle.address,
    isFromMe: c.bool(r.is_me, 'reaction.is_me'),
    sentAt: null,
    createdAt: null,
    updatedAt: null,
  };
}

interface MappedParts {
  parts: MessagePart[];
  reactions: Reaction[];
}

/** Part indices are the upstream indices (reactions and replies refer to them). */
function mapParts(raw: unknown, messageId: string, chatId: string): MappedParts {
  const out: MappedParts = { parts: [], reactions: [] };
  c.optArr<unknown>(raw, 'message.parts').forEach((rawPart, index) => {
    const p = c.obj<PartResponse>(rawPart, 'part');
    if (p.type === 'text') {
      const decorations = c.optArr(p.text_decorations, 'part.text_decorations').map(mapDecoration);
      out.parts.push({ kind: 'text', index, value: c.str(p.value, 'part.value'), decorations });
    } else if (p.type === 'media') {
      const attachment: Attachment = {
        id: c.id(p.id, 'part.id'),
        url: c.optStr(p.url, 'part.url'),
        filename: c.optStr(p.filename, 'part.filename'),
        mimeType: c.optStr(p.mime_type, 'part.mime_type'),
        sizeBytes: c.optNum(p.size_bytes, 'part.size_bytes'),
      };
      out.parts.push({ kind: 'media', index, attachment });
    } else if (p.type === 'link') {
      out.parts.push({ kind: 'link', index, url: c.str(p.value, 'part.value') });
    } else {
      return; // A part type added upstream later: skipped, indices stay the upstream ones.
    }
    for (const r of c.optArr(p.reactions, 'part.reactions')) {
      out.reactions.push(mapReaction(r, messageId, chatId, index));
    }
  });
  return out;
}

function mapEffect(raw: unknown): MessageEffect | null {
  if (raw === undefined || raw === null) return null;
  const e = c.obj<S['MessageEffect']>(raw, 'effect');
  const type = c.optOneOf(e.type, EFFECTS, 'effect.type');
  const name = c.optStr(e.name, 'effect.name');
  return type && name ? { type, name } : null;
}

function mapReplyTo(raw: unknown): Message['replyTo'] {
  if (raw === undefined || raw === null) return null;
  const r = c.obj<S['ReplyTo']>(raw, 'reply_to');
  return {
    messageId: c.id(r.message_id, 'reply_to.message_id'),
    partIndex: c.optNum(r.part_index, 'reply_to.part_index'),
  };
}

type Common = Pick<S['Message'], 'parts' | 'from_handle' | 'reply_to' | 'effect' | 'service'>;

/** The fields mapMessage and mapSentMessage read differently. */
interface Tail {
  /** Raw deprecated `from`, read only when there is no `from_handle`. */
  from: unknown;
  isFromMe: boolean;
  status: Message['status'];
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Builds the Message in one object literal (one shape for every message, no spread). */
function build(m: Common, id: string, chatId: string, t: Tail): Message {
  const { parts, reactions } = mapParts(m.parts, id, chatId);
  let text: string | null = null;
  const attachments: Attachment[] = [];
  for (const p of parts) {
    if (p.kind === 'text') text = text === null ? p.value : `${text}\n${p.value}`;
    else if (p.kind === 'media') attachments.push(p.attachment);
  }
  const sender = m.from_handle == null ? null : mapHandle(m.from_handle, 'message.from_handle');
  return {
    id,
    chatId,
    text,
    parts,
    attachments,
    sender,
    senderHandleId: sender?.id ?? null,
    senderAddress: sender?.address ?? c.optStr(t.from, 'message.from'),
    isFromMe: t.isFromMe,
    status: t.status,
    sentAt: t.sentAt,
    deliveredAt: t.deliveredAt,
    readAt: t.readAt,
    editedAt: null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    replyTo: mapReplyTo(m.reply_to),
    effect: mapEffect(m.effect),
    service: c.optOneOf(m.service, SERVICES, 'message.service'),
    reactions,
  };
}

export function mapMessage(raw: unknown): Message {
  const m = c.obj<S['Message']>(raw, 'message');
  const id = c.id(m.id, 'message.id');
  const chatId = c.id(m.chat_id, 'message.chat_id');
  const isRead = c.bool(m.is_read, 'message.is_read');
  const isDelivered = c.bool(m.is_delivered, 'message.is_delivered');
  const sentAt = c.optStr(m.sent_at, 'message.sent_at');
  return build(m, id, chatId, {
    from: m.from,
    isFromMe: c.bool(m.is_from_me, 'message.is_from_me'),
    status: isRead ? 'READ' : isDelivered ? 'DELIVERED' : sentAt ? 'SENT' : 'PENDING',
    sentAt,
    deliveredAt: c.optStr(m.delivered_at, 'message.delivered_at'),
    readAt: c.optStr(m.read_at, 'message.read_at'),
    createdAt: c.optStr(m.created_at, 'message.created_at'),
    updatedAt: c.optStr(m.updated_at, 'message.updated_at'),
  });
}

/** A SentMessage (send response) is always ours; the newer contract adds `created_at`. */
export function mapSentMessage(raw: unknown, chatId: string): Message {
  const m = c.obj<S['SentMessage'] & { created_at?: string | null }>(raw, 'message');
  const id = c.id(m.id, 'message.id');
  const isRead = c.optBool(m.is_read, 'message.is_read');
  const status = c.oneOf(m.delivery_status, SENT_STATUSES, 'message.delivery_status');
  return build(m, id, chatId, {
    from: null,
    isFromMe: true,
    status: isRead ? 'READ' : status,
    sentAt: c.optStr(m.sent_at, 'message.sent_at'),
    deliveredAt: c.optStr(m.delivered_at, 'message.delivered_at'),
    readAt: null,
    createdAt: c.optStr(m.created_at, 'message.created_at'),
    updatedAt: null,
  });
}
