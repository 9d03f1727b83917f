/** Records → v3 DTOs (shapes of linq-api-v3.yaml components). */
import type { components } from '../../upstream/types/v3.js';
import type {
  AttachmentRec,
  ChatRec,
  HandleRec,
  MessageRec,
  PartRec,
  ReactionRec,
} from '../records.js';

type S = components['schemas'];
type PartDto = S['TextPartResponse'] | S['MediaPartResponse'];

export function handleV3(h: HandleRec): S['ChatHandle'] {
  return {
    id: h.uuid,
    handle: h.address,
    service: h.service,
    status: h.status,
    joined_at: h.joinedAt,
    left_at: h.leftAt,
    is_me: h.isMe,
  };
}

export function displayName(chat: ChatRec): string {
  return (
    chat.displayName ??
    chat.handles
      .filter((h) => !h.isMe)
      .map((h) => h.address)
      .join(', ')
  );
}

export function chatV3(chat: ChatRec): S['Chat'] {
  return {
    id: chat.uuid,
    display_name: displayName(chat),
    service: chat.service,
    handles: chat.handles.map(handleV3),
    is_archived: chat.isArchived,
    is_group: chat.isGroup,
    created_at: chat.createdAt,
    updated_at: chat.updatedAt,
  };
}

export function reactionV3(r: ReactionRec): S['Reaction'] {
  return {
    is_me: r.handle.isMe,
    handle: handleV3(r.handle),
    type: r.type,
    custom_emoji: r.customEmoji,
    sticker: r.sticker
      ? {
          url: r.sticker.url,
          mime_type: r.sticker.mimeType,
          width: r.sticker.width,
          height: r.sticker.height,
          file_name: r.sticker.fileName,
        }
      : null,
  };
}

export function partV3(part: PartRec, linkParts: boolean): PartDto {
  const reactions = part.reactions.map(reactionV3);
  if (part.type === 'media') {
    const a = part.attachment;
    return {
      type: 'media',
      id: a.uuid,
      url: a.url,
      filename: a.filename,
      mime_type: a.contentType,
      size_bytes: a.sizeBytes,
      reactions,
    };
  }
  if (part.type === 'link' && linkParts) {
    // The newer contract's LinkPartResponse; not part of the pinned spec (see SandboxOptions).
    return { type: 'link', value: part.value, reactions } as unknown as PartDto;
  }
  const text: S['TextPartResponse'] = { type: 'text', value: part.value, reactions };
  if (part.type === 'text' && part.decorations.length > 0) {
    text.text_decorations = part.decorations.map((d) => ({ ...d, range: [...d.range] }));
  }
  return text;
}

export function messageV3(m: MessageRec, linkParts: boolean): S['Message'] {
  return {
    id: m.uuid,
    chat_id: m.chat.uuid,
    service: m.service,
    preferred_service: m.preferredService,
    from: m.from.address,
    from_handle: handleV3(m.from),
    parts: m.parts.map((p) => partV3(p, linkParts)),
    reply_to: replyToV3(m),
    is_from_me: m.isFromMe,
    is_delivered: m.deliveredAt !== null,
    is_read: m.readAt !== null,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
    read_at: m.readAt,
    effect: m.effect,
  };
}

function replyToV3(m: MessageRec): S['ReplyTo'] | null {
  return m.replyTo ? { message_id: m.replyTo.messageId, part_index: m.replyTo.partIndex } : null;
}

export function sentMessageV3(m: MessageRec, linkParts: boolean): S['SentMessage'] {
  return {
    id: m.uuid,
    service: m.service,
    preferred_service: m.preferredService,
    parts: m.parts.map((p) => partV3(p, linkParts)),
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
    delivery_status: m.status,
    is_read: m.readAt !== null,
    effect: m.effect,
    from_handle: handleV3(m.from),
    reply_to: replyToV3(m),
  };
}

export function attachmentV3(a: AttachmentRec, downloadUrl: string): S['Attachment'] {
  return {
    id: a.uuid,
    filename: a.filename,
    content_type: a.contentType as S['SupportedContentType'],
    size_bytes: a.sizeBytes,
    status: a.status,
    download_url: downloadUrl,
    created_at: a.createdAt,
  };
}
