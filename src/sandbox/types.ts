/**
 * Public types of the embedded Linq sandbox (fault rules, recorded requests, options).
 */
import type { WebhookSettings } from './webhooks/types.js';

export type SandboxFault =
  | { type: 'status'; status: number; body?: unknown }
  | { type: 'rate-limit'; retryAfter: number | string }
  | { type: 'delay'; ms: number }
  | { type: 'reset' }
  | { type: 'malformed-json' }
  | { type: 'slow-body'; chunkDelayMs: number }
  /** An error whose message echoes the caller's token (redaction tests). Default status 401. */
  | { type: 'echo-token'; status?: number };

export interface FaultRule {
  /** A route name (e.g. 'GET /v3/chats/{chatId}/messages') or '*'. */
  route: string;
  /** How many matching requests it applies to (default: all). */
  times?: number;
  /** 'after' = run the real handler first (state changes), then answer with the fault. */
  phase?: 'before' | 'after';
  fault: SandboxFault;
}

export interface RecordedRequest {
  /** Sequence number, starting at 1 after each reset. */
  seq: number;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Route name (METHOD + spec path template), or null when no route matched. */
  route: string | null;
  /** Response status; 0 while in flight or when the socket was reset by a fault. */
  status: number;
  query: Record<string, string | string[]>;
  /** True when the client closed the connection before the response was finished. */
  aborted: boolean;
  /** True when a 'reset' fault destroyed the socket. */
  reset: boolean;
  /** Which seeded account the token belonged to (tokens themselves are never recorded). */
  account: 'primary' | 'other' | null;
  /** Request headers, without the auth headers. */
  headers: Record<string, string>;
  /** Parsed JSON body, or a summary of a multipart body; undefined when none. */
  body?: unknown;
  /** The fault applied to this request, if any. */
  fault: SandboxFault['type'] | null;
  /** True once the response finished, was aborted, or was reset. */
  done: boolean;
}

export interface SandboxOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** PRNG seed of the demo data. Default 20250521. */
  seed?: number;
  /** Faults active from the start. */
  faults?: FaultRule[];
  /**
   * Render v3 link parts as `{type:'link'}` (the newer contract). Default false: the pinned
   * [S3] spec only knows text and media parts, so link parts are rendered as text parts.
   */
  linkParts?: boolean;
  /** Webhook delivery: retry schedule and timeout (short ones in tests). */
  webhooks?: WebhookSettings;
}
