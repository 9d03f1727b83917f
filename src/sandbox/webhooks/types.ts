/** Types of the sandbox's webhook emulation (subscriptions, events, delivery records). */
import type { AccountRec, ChatRec, HandleRec, MessageRec, ReactionRec } from '../records.js';

/** What happened in the store; rendered per subscription dialect and payload version. */
export type SandboxEvent =
  | {
      kind: 'message.sent' | 'message.received' | 'message.delivered' | 'message.read';
      message: MessageRec;
    }
  | { kind: 'message.edited'; message: MessageRec; partIndex: number }
  | { kind: 'message.deleted'; message: MessageRec; at: string }
  | { kind: 'reaction.added' | 'reaction.removed'; reaction: ReactionRec; at: string }
  | { kind: 'typing.started' | 'typing.stopped'; chat: ChatRec; handle: HandleRec; at: string };

export type WebhookVersion = '2025-01-01' | '2026-02-03';
export const WEBHOOK_VERSIONS: readonly WebhookVersion[] = ['2025-01-01', '2026-02-03'];

export interface WebhookTarget {
  /** v2: integer (as a string); v3: UUID; programmatic targets: 'target-N'. */
  id: string;
  dialect: 'v2' | 'v3';
  accountId: AccountRec['id'];
  url: string;
  /** v2: the client's optional `secret`; v3: the generated `signing_secret`. Never rendered. */
  secret: string | null;
  /** Subscribed upstream event types; null = every event the dialect has (programmatic only). */
  events: string[] | null;
  /** v3 payload version (from `?version=` in the URL, else the newest). */
  version: WebhookVersion;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  lastDeliveredAt: string | null;
  deliveryAttempts: number;
  /** Deliver every event twice (same event_id) — for dedupe tests. */
  duplicate: boolean;
  /** Added through controls.addWebhookTarget (kept across controls.reset()). */
  programmatic: boolean;
}

export interface WebhookDelivery {
  seq: number;
  eventId: string;
  eventType: string;
  subscriptionId: string;
  dialect: 'v2' | 'v3';
  webhookVersion: WebhookVersion | null;
  url: string;
  /** 1-based attempt number of this event to this target. */
  attempt: number;
  /** True for the forced second copy of a `duplicate` target. */
  duplicate: boolean;
  /** Response status; 0 on a network error or timeout. */
  status: number;
  error: string | null;
  at: string;
  /** The JSON envelope that was sent. */
  body: unknown;
}

export interface AddWebhookTargetOptions {
  url: string;
  dialect: 'v2' | 'v3';
  /** v2: optional (unsigned without); v3: required to sign. */
  secret?: string | null;
  /** v3 payload version. Default: `?version=` of the url, else '2026-02-03'. */
  version?: WebhookVersion;
  /** Upstream event types; default all (including the sandbox's `message.deleted`). */
  events?: string[];
  /** Default 'primary'. */
  account?: AccountRec['id'];
  duplicate?: boolean;
}

export interface WebhookSettings {
  /**
   * Waits before the 2nd, 3rd, … attempt; its length + 1 is the attempt count. Default
   * [2000, 4000, 8000, 16000, 30000] (the [S3] Webhook Events schedule: 6 attempts).
   */
  retryDelaysMs?: number[];
  /** Per-attempt timeout. Default 10,000 ms. */
  timeoutMs?: number;
  /** Mark sent messages delivered after this many ms (→ message.delivered). Default: never. */
  deliverAfterMs?: number;
}
