/**
 * Sandbox events → v2 webhook `{event_type, data}` (linq-api-v2.json `x-webhook-events`).
 * v2 has no delivered, edited, deleted or reaction-removed events, and shows only tapbacks.
 */
import type { ChatRec, MessageRec, ReactionRec } from '../records.js';
import { visibleInV2 } from '../v2/render.js';
import { displayName } from '../v3/render.js';
import { plainText } from '../store.js';
import type { SandboxEvent } from './types.js';

export interface Rendered {
  eventType: string;
  data: Record<string, unknown>;
}

function chatHandles(chat: ChatRec) {
  return chat.handles.map((h) => ({
    identifier: h.address,
    display_name: h.isMe ? 'Your Linq Number' : displayName(chat) || h.address,
    is_me: h.isMe,
  }));
}

function message(m: MessageRec): Record<string, unknown> {
  return {
    id: String(m.v2Id),
    chat_id: String(m.chat.v2Id),
    text: plainText(m.parts),
    sent_at: m.sentAt,
    is_read: m.readAt !== null,
    from_phone: m.from.address,
    service: m.service,
    reaction_id: null,
    chat_handles: chatHandles(m.chat),
    attachments: m.parts.flatMap((p) =>
      p.type === 'media'
        ? [
            {
              id: p.attachment.uuid,
              url: p.attachment.url,
              filename: p.attachment.filename,
              mime_type: p.attachment.contentType,
            },
          ]
        : [],
    ),
  };
}

function reaction(r: ReactionRec): Record<string, unknown> {
  const m = r.message;
  return {
    id: String(r.v2Id),
    chat_message_id: String(m.v2Id),
    chat_id: String(m.chat.v2Id),
    reaction: r.type,
    is_from_me: r.handle.isMe,
    sent_at: r.createdAt,
    created_at: r.createdAt,
    chat_handle: { id: String(r.handle.v2Id), identifier: r.handle.address },
    chat_handles: chatHandles(m.chat),
    associated_message: { id: String(m.v2Id), text: plainText(m.parts), sent_at: m.sentAt },
  };
}

export function renderV2(event: SandboxEvent): Rendered | null {
  switch (event.kind) {
    case 'message.sent':
    case 'message.received':
      return { eventType: event.kind, data: message(event.message) };
    case 'message.read': {
      const m = event.message;
      const data = { id: String(m.v2Id), chat_id: String(m.chat.v2Id), read_at: m.readAt };
      return { eventType: 'message.read', data };
    }
    case 'reaction.added': {
      if (!visibleInV2(event.reaction)) return null;
      const type = event.reaction.handle.isMe ? 'reaction.sent' : 'reaction.received';
      return { eventType: type, data: reaction(event.reaction) };
    }
    case 'typing.started':
    case 'typing.stopped': {
      const started = event.kind === 'typing.started';
      return {
        eventType: started ? 'typing_indicator.received' : 'typing_indicator.removed',
        data: {
          chat_id: String(event.chat.v2Id),
          display: started,
          timestamp: event.at,
          chat_handles: chatHandles(event.chat),
        },
      };
    }
    default:
      return null;
  }
}
