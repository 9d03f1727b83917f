/**
 * The gateway's real-time domain events, derived from verified Linq webhooks (both dialects).
 *
 * They carry ids only: subscribers reload the chat/message through their own loaders with their
 * own token. The webhook payload is never used as the data source of a GraphQL response.
 */
import type { Dialect, ReactionType } from '../../upstream/model.js';

export type { Dialect };

interface ChatEventBase {
  /** The upstream dialect the ids belong to (v2 integer ids, v3 UUIDs). */
  dialect: Dialect;
  /** v2 integer id in base 10, or v3 UUID. */
  chatId: string;
  /** Upstream `event_id` (dedupe key). */
  eventId: string;
  /** Upstream `event_type`, e.g. 'message.received'. */
  upstreamType: string;
  /** Envelope `created_at` (ISO 8601). */
  occurredAt: string;
  /** W3C traceparent of the span that published the event (tracing on, src/telemetry). */
  traceparent?: string;
}

/** message.sent / message.received. */
export interface MessageAddedEvent extends ChatEventBase {
  type: 'messageAdded';
  messageId: string;
  direction: 'INBOUND' | 'OUTBOUND';
}

/** What changed about an existing message. */
export type MessageChange = 'EDITED' | 'DELIVERED' | 'READ' | 'FAILED';

/** message.edited / message.delivered / message.read / message.failed. */
export interface MessageUpdatedEvent extends ChatEventBase {
  type: 'messageUpdated';
  messageId: string;
  change: MessageChange;
}

/** message.deleted (sandbox extension; no Linq contract has a delete event). */
export interface MessageDeletedEvent extends ChatEventBase {
  type: 'messageDeleted';
  messageId: string;
}

/** reaction.added / reaction.removed (v3); reaction.sent / reaction.received (v2, add only). */
export interface ReactionChangedEvent extends ChatEventBase {
  type: 'reactionChanged';
  messageId: string;
  action: 'ADDED' | 'REMOVED';
  reactionType: ReactionType | null;
  customEmoji: string | null;
  /** v3 part index; null in v2 (whole message). */
  partIndex: number | null;
  isFromMe: boolean | null;
  /** v2 reaction id; null in v3 (v3 reactions have no ids). */
  reactionId: string | null;
}

/** chat.typing_indicator.started/stopped (v3); typing_indicator.received/removed (v2). */
export interface TypingEvent extends ChatEventBase {
  type: 'typing';
  isTyping: boolean;
}

export type ChatEvent =
  | MessageAddedEvent
  | MessageUpdatedEvent
  | MessageDeletedEvent
  | ReactionChangedEvent
  | TypingEvent;

export type ChatEventType = ChatEvent['type'];

/** Narrows a ChatEvent by its `type`. */
export type ChatEventOf<T extends ChatEventType> = Extract<ChatEvent, { type: T }>;

export const CHAT_EVENT_TYPES: readonly ChatEventType[] = [
  'messageAdded',
  'messageUpdated',
  'messageDeleted',
  'reactionChanged',
  'typing',
];
