/**
 * Gateway-side Linq webhook intake (framework-neutral; no graphql imports). Mount
 * `handleWebhookRequest` at e.g. POST /webhooks/linq/v2 and /webhooks/linq/v3.
 */
export type {
  ChatEvent,
  ChatEventOf,
  ChatEventType,
  Dialect,
  MessageAddedEvent,
  MessageChange,
  MessageDeletedEvent,
  MessageUpdatedEvent,
  ReactionChangedEvent,
  TypingEvent,
} from './events.js';
export { CHAT_EVENT_TYPES } from './events.js';
export { createMemoryDeduper, createRedisDeduper } from './dedupe.js';
export type { Deduper, MemoryDeduperOptions, RedisDeduperOptions } from './dedupe.js';
export { handleWebhookRequest, readLimited, rejectionResponse } from './handler.js';
export type { HeaderSource } from './headers.js';
export type { ParsedWebhook } from './parse-common.js';
export { createWebhookRouter } from './router.js';
export type { WebhookRouterConfig } from './router.js';
export { parseV2 } from './parse-v2.js';
export { parseV3 } from './parse-v3.js';
export { DEFAULT_MAX_BODY_BYTES, receiveWebhook } from './receive.js';
export type { Accepted, ReceiveOutcome, WebhookLogger, WebhookReceiverDeps } from './receive.js';
export { isRejection } from './rejection.js';
export type { Rejection, RejectionCode } from './rejection.js';
export { hmacHex, verifyV2, verifyV3 } from './verify.js';
export type { Verified, VerifyV3Options } from './verify.js';
