/** Records → v2 DTOs (shapes of linq-api-v2.json components). */
import type { components } from '../../upstream/types/v2.js';
import type { ChatRec, HandleRec, MessageRec, PhoneRec, ReactionRec } from '../records.js';
import { displayName } from '../v3/render.js';
import { plainText } from '../store.js';

type S = components['schemas'];

export function handleV2(h: HandleRec): S['ChatHandle'] {
  return { id: h.v2Id, phone_number: h.address, service: h.service, joined_at: h.joinedAt };
}

export function chatV2(chat: ChatRec): S['Chat'] {
  return {
    id: chat.v2Id,
    display_name: displayName(chat),
    service: chat.service,
    group: chat.isGroup,
    message_count: chat.messages.length,
    chat_handles: chat.handles.map(handleV2),
  };
}

const TAPBACKS = new Set(['love', 'like', 'dislike', 'laugh', 'emphasize', 'question']);

/** v2 knows only the six tapbacks: custom emoji and sticker reactions are not shown in v2. */
export const visibleInV2 = (r: ReactionRec) => TAPBACKS.has(r.type);

export function reactionV2(r: ReactionRec): S['Reaction'] {
  return {
    id: r.v2Id,
    chat_message_id: r.message.v2Id,
    reaction: r.type as S['Reaction']['reaction'],
    is_from_me: r.handle.isMe,
    from_phone: r.handle.address,
    sent_at: r.createdAt,
    created_at: r.createdAt,
    updated_at: r.createdAt,
  };
}

export function deliveryStatusV2(m: MessageRec): S['ChatMessage']['delivery_status'] {
  if (m.status === 'delivered') return 'delivered';
  if (m.status === 'failed') return 'service_unavailable';
  return 'pending';
}

export function messageV2(m: MessageRec): S['ChatMessage'] {
  return {
    id: m.v2Id,
    text: plainText(m.parts),
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
    delivery_status: deliveryStatusV2(m),
    edited_at: m.editedAt,
    is_read: m.readAt !== null,
    sent_from: m.from.address,
    chat_handle_id: m.from.v2Id,
    attachments: m.parts.flatMap((p) =>
      p.type === 'media'
        ? [
            {
              id: p.attachment.uuid,
              url: p.attachment.url,
              filename: p.attachment.filename,
              mime_type: p.attachment.contentType,
              file_size: p.attachment.sizeBytes,
            },
          ]
        : [],
    ),
    reactions: m.parts.flatMap((p) => p.reactions.filter(visibleInV2).map(reactionV2)),
  };
}

export function phoneV2(p: PhoneRec): S['PhoneNumber'] {
  return {
    id: p.v2Id,
    phone_number: p.number,
    forwarding_number: p.forwardingNumber,
    response_rate: p.responseRate,
  };
}
