/**
 * The per-request GraphQL context: who is calling (the authenticated Caller), the request id,
 * and `linq`: the adapter bound to this request (src/upstream/adapter.ts: the caller's token,
 * request id, signal and traceparent, the concurrency limit, the deadlines and the upstream-call
 * budget) and held to the caller's scope (auth/scope-guard.ts). Every upstream read and write of
 * the request goes through `linq`. It throws the adapter's own errors: the GraphQL layer maps
 * them once, at the error boundary (plugins/use-error-codes.ts), and mutations turn the ones they
 * can into typed payload errors (schema/mutation-errors.ts).
 *
 * DataLoaders hang off this object (Pothos `initContextCache`), so two requests, and two
 * callers with different tokens, never share a loaded object.
 */
import { contextCacheSymbol } from '@pothos/core';
import type { Logger } from 'pino';
import { allowsNumber, type Caller } from './auth/caller.js';
import { guardScope } from './auth/scope-guard.js';
import { UpstreamBudget } from './limits/upstream-budget.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './limits/upload-limits.js';
import type { ChatEventBus } from './realtime/pubsub/index.js';
import type { RequestTracing } from './telemetry/types.js';
import type {
  AbortSource,
  BoundLinq,
  Dialect,
  DialectCapabilities,
  LinqApi,
  PhoneNumber,
} from './upstream/model.js';

export interface GatewayContext {
  /** Pothos' key of this request's loaders (what initContextCache() makes). */
  readonly [contextCacheSymbol]: object;
  /** Who is calling, and the scope every read and write of this request is held to. */
  readonly caller: Caller;
  readonly dialect: Dialect;
  readonly capabilities: DialectCapabilities;
  readonly requestId: string;
  /** The adapter bound to this request and held to the caller's scope: reads and writes. */
  readonly linq: BoundLinq;
  /** Limits of file uploads (multipart requests; limits/upload-limits.ts). */
  readonly uploadLimits: UploadLimits;
  /** The account's phone numbers, fetched at most once per request (all: for `isMe`). */
  readonly ownPhoneNumbers: () => Promise<PhoneNumber[]>;
  /** The account's phone numbers the caller may use (the `phoneNumbers` field). */
  readonly visiblePhoneNumbers: () => Promise<PhoneNumber[]>;
  /** The process logger (not a child per request: log `requestId` with the line). */
  readonly logger: Logger | null;
  /** Real-time chat events (subscriptions); null when the server has none. */
  readonly bus: ChatEventBus | null;
  /** Upstream calls this request may still make (limits/upstream-budget.ts). */
  readonly upstreamBudget: UpstreamBudget;
  /** Spans of subscription events; null when tracing is off. */
  readonly tracing: RequestTracing | null;
  /** The traceparent sent upstream from now on (a subscription event's span). */
  setTraceparent(traceparent: string | undefined): void;
}

export interface ContextInput {
  api: LinqApi;
  /** The authenticated caller (auth/use-auth.ts); its upstreamToken is used upstream. */
  caller: Caller;
  requestId: string;
  signal?: AbortSource | undefined;
  logger?: Logger | null;
  /** Upstream calls in flight at once. @default MAX_UPSTREAM_CONCURRENCY (upstream/model.ts) */
  concurrency?: number;
  /** Deadline of each upstream read, retries included. */
  readTimeoutMs?: number;
  /** Deadline of each write, retries included (a send with attachments has none: uploads). */
  writeTimeoutMs?: number;
  uploadLimits?: UploadLimits;
  bus?: ChatEventBus | null;
  /** Upstream calls one request may make; 0: unlimited. @default DEFAULT_MAX_UPSTREAM_CALLS */
  maxUpstreamCalls?: number;
  /** The operation span's traceparent: the parent of the upstream calls' spans. */
  traceparent?: string;
  tracing?: RequestTracing | null;
}

export function createGatewayContext(input: ContextInput): GatewayContext {
  const { api, caller } = input;
  const budget = new UpstreamBudget(input.maxUpstreamCalls);
  const bound = api.withOptions({
    token: caller.upstreamToken,
    requestId: input.requestId,
    // Absent and 0 are the same here: the binding treats a missing signal, traceparent or
    // timeout as none, and 0 as no concurrency setting (the default).
    signal: input.signal,
    traceparent: input.traceparent,
    readTimeoutMs: input.readTimeoutMs,
    writeTimeoutMs: input.writeTimeoutMs,
    concurrency: input.concurrency || undefined,
    budget,
  });
  const linq = guardScope(bound, caller.scope);

  // All the account's numbers (for `isMe`), past the scope: not shown to the caller as such.
  let phoneNumbers: Promise<PhoneNumber[]> | null = null;
  const ownPhoneNumbers = () => (phoneNumbers ??= bound.listPhoneNumbers());
  return {
    // Pothos' per-request cache key, as initContextCache() makes it. Not spread into the
    // literal: V8 keeps values stored after a spread (`{ ...a, b }`) alive past scavenges
    // (bench/results/optimisations.md, round 5).
    [contextCacheSymbol]: {},
    caller,
    dialect: api.dialect,
    capabilities: api.capabilities,
    requestId: input.requestId,
    linq,
    uploadLimits: input.uploadLimits ?? DEFAULT_UPLOAD_LIMITS,
    ownPhoneNumbers,
    visiblePhoneNumbers: async () =>
      (await ownPhoneNumbers()).filter((p) => allowsNumber(caller.scope, p.phoneNumber)),
    logger: input.logger ?? null,
    bus: input.bus ?? null,
    upstreamBudget: budget,
    tracing: input.tracing ?? null,
    setTraceparent: (traceparent) => linq.setTraceparent(traceparent),
  };
}
