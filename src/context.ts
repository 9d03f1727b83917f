/**
 * The per-request GraphQL context: who is calling (the authenticated Caller), the request id, the
 * abort signal, and a request-scoped view of the adapter. Every upstream call of one request goes
 * through `linq`, which adds the caller's RequestOptions, bounds concurrency, holds the caller to
 * its scope (auth/scope-guard.ts), and turns adapter errors into GraphQL errors with a stable
 * `extensions.code`.
 *
 * DataLoaders hang off this object (Pothos `createContextCache`), so two requests, and two
 * callers with different tokens, never share a loaded object.
 *
 * Writes (`writes`) are bound the same way but keep the adapter's error classes: mutations turn
 * them into typed payload errors (schema/error-types.ts), not top-level errors.
 */
import { initContextCache } from '@pothos/core';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { allowsNumber, type Caller } from './auth/caller.js';
import { guardScope } from './auth/scope-guard.js';
import { UpstreamBudget } from './limits/upstream-budget.js';
import type { ChatEventBus } from './pubsub/index.js';
import type { RequestTracing } from './telemetry/types.js';
import { toGraphQLError } from './schema/errors.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './plugins/use-uploads.js';
import type {
  Chat,
  Dialect,
  DialectCapabilities,
  LinqApi,
  Message,
  MessageListFilter,
  MessageRef,
  EditMessageInput,
  Page,
  PageQuery,
  PhoneNumber,
  ReactInput,
  ReactResult,
  RequestOptions,
  SendMessageInput,
  SendMessageResult,
} from './upstream/model.js';

/** Upstream calls one GraphQL request may have in flight at once. */
export const MAX_UPSTREAM_CONCURRENCY = 8;

/** The read operations the schema uses, already bound to the caller. */
export interface RequestLinq {
  listPhoneNumbers(): Promise<PhoneNumber[]>;
  listChats(args: { phoneNumber: string } & PageQuery): Promise<Page<Chat>>;
  getChat(chatId: string): Promise<Chat>;
  listMessages(args: { chatId: string } & PageQuery & MessageListFilter): Promise<Page<Message>>;
  getMessage(ref: MessageRef): Promise<Message>;
}

/** The write operations, bound to the caller; they throw the adapter's own error classes. */
export interface RequestWrites {
  sendMessage(input: SendMessageInput): Promise<SendMessageResult>;
  editMessage(ref: MessageRef, input: EditMessageInput): Promise<Message>;
  deleteMessage(ref: MessageRef): Promise<void>;
  react(ref: MessageRef, input: ReactInput): Promise<ReactResult>;
}

export interface GatewayContext {
  /** Who is calling, and the scope every read and write of this request is held to. */
  readonly caller: Caller;
  readonly dialect: Dialect;
  readonly capabilities: DialectCapabilities;
  readonly requestId: string;
  readonly linq: RequestLinq;
  readonly writes: RequestWrites;
  /** Limits of file uploads (multipart requests; plugins/use-uploads.ts). */
  readonly uploadLimits: UploadLimits;
  /** The account's phone numbers, fetched at most once per request (all: for `isMe`). */
  readonly ownPhoneNumbers: () => Promise<PhoneNumber[]>;
  /** The account's phone numbers the caller may use (the `phoneNumbers` field). */
  readonly visiblePhoneNumbers: () => Promise<PhoneNumber[]>;
  /** Forgets what the binding read so far (a subscription reads again for every event). */
  readonly forgetReads: () => void;
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
  /** The authenticated caller (plugins/use-auth.ts); its upstreamToken is used upstream. */
  caller: Caller;
  requestId: string;
  signal?: AbortSignal;
  logger?: Logger | null;
  concurrency?: number;
  /** Deadline of each upstream read, retries included. */
  timeoutMs?: number;
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
  const limit = pLimit(input.concurrency ?? MAX_UPSTREAM_CONCURRENCY);
  const opts: RequestOptions = { token: caller.upstreamToken, requestId: input.requestId };
  if (input.signal) opts.signal = input.signal;
  if (input.traceparent) opts.traceparent = input.traceparent;

  const budget = new UpstreamBudget(input.maxUpstreamCalls);
  // The budget is taken when a call is asked for (not when pLimit starts it), so which fields
  // fail first follows the order of the document, not the timing of the upstream answers.
  const metered = <T>(run: () => Promise<T>): Promise<T> => {
    try {
      budget.take();
    } catch (error) {
      return Promise.reject(error);
    }
    return limit(run);
  };

  const read: RequestOptions = input.timeoutMs ? { ...opts, timeoutMs: input.timeoutMs } : opts;
  // One request reads a given page once, however many fields ask for it (and a field can start
  // it early: see Query.chat's prefetch of `messages`).
  let pages: Map<string, Promise<Page<Message>>> | null = null;
  const reads: RequestLinq = {
    listPhoneNumbers: () => metered(() => api.listPhoneNumbers(read)),
    listChats: (args) => metered(() => api.listChats(args, read)),
    getChat: (chatId) => metered(() => api.getChat(chatId, read)),
    listMessages: (args) => {
      const key = JSON.stringify(args);
      pages ??= new Map();
      let page = pages.get(key);
      if (!page) {
        page = metered(() => api.listMessages(args, read));
        pages.set(key, page);
      }
      return page;
    },
    getMessage: (ref) => metered(() => api.getMessage(ref, read)),
  };
  const write: RequestOptions = input.writeTimeoutMs
    ? { ...opts, timeoutMs: input.writeTimeoutMs }
    : opts;
  const writes: RequestWrites = {
    // One deadline per write, retries included; a send that streams files has none (its length
    // is the file's).
    sendMessage: (send) =>
      metered(() => api.sendMessage(send, send.attachments?.length ? opts : write)),
    editMessage: (ref, edit) => metered(() => api.editMessage(ref, edit, write)),
    deleteMessage: (ref) => metered(() => api.deleteMessage(ref, write)),
    react: (ref, reaction) => metered(() => api.react(ref, reaction, write)),
  };
  const scoped = guardScope({ reads, writes }, caller.scope, api.dialect);

  const mapped = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((error: unknown) => {
      throw toGraphQLError(error);
    });
  const r = scoped.reads;
  const linq: RequestLinq = {
    listPhoneNumbers: () => mapped(r.listPhoneNumbers()),
    listChats: (args) => mapped(r.listChats(args)),
    getChat: (chatId) => mapped(r.getChat(chatId)),
    listMessages: (args) => mapped(r.listMessages(args)),
    getMessage: (ref) => mapped(r.getMessage(ref)),
  };

  let phoneNumbers: Promise<PhoneNumber[]> | null = null;
  const ownPhoneNumbers = () => (phoneNumbers ??= mapped(reads.listPhoneNumbers()));
  return {
    ...initContextCache(),
    caller,
    dialect: api.dialect,
    capabilities: api.capabilities,
    requestId: input.requestId,
    linq,
    writes: scoped.writes,
    uploadLimits: input.uploadLimits ?? DEFAULT_UPLOAD_LIMITS,
    ownPhoneNumbers,
    forgetReads: () => {
      scoped.forget();
      pages = null;
    },
    visiblePhoneNumbers: async () =>
      (await ownPhoneNumbers()).filter((p) => allowsNumber(caller.scope, p.phoneNumber)),
    logger: input.logger ?? null,
    bus: input.bus ?? null,
    upstreamBudget: budget,
    tracing: input.tracing ?? null,
    setTraceparent(traceparent) {
      for (const o of [opts, read, write]) o.traceparent = traceparent;
    },
  };
}
