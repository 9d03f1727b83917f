/**
 * The per-request GraphQL context: who is calling (their Linq token), the request id, the abort
 * signal, and a request-scoped view of the adapter. Every upstream call of one request goes
 * through `linq`, which adds the caller's RequestOptions, bounds concurrency, and turns adapter
 * errors into GraphQL errors with a stable `extensions.code`.
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
import type { ChatEventBus } from './pubsub/index.js';
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
  readonly dialect: Dialect;
  readonly capabilities: DialectCapabilities;
  readonly requestId: string;
  readonly linq: RequestLinq;
  readonly writes: RequestWrites;
  /** Limits of file uploads (multipart requests; plugins/use-uploads.ts). */
  readonly uploadLimits: UploadLimits;
  /** The account's phone numbers, fetched at most once per request. */
  readonly ownPhoneNumbers: () => Promise<PhoneNumber[]>;
  readonly logger: Logger | null;
  /** Real-time chat events (subscriptions); null when the server has none. */
  readonly bus: ChatEventBus | null;
}

export interface ContextInput {
  api: LinqApi;
  /** The caller's Linq token (or the service token); null lets the adapter use its default. */
  token: string | null;
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
}

export function createGatewayContext(input: ContextInput): GatewayContext {
  const { api } = input;
  const limit = pLimit(input.concurrency ?? MAX_UPSTREAM_CONCURRENCY);
  const opts: RequestOptions = { token: input.token, requestId: input.requestId };
  if (input.signal) opts.signal = input.signal;

  const call = <T>(run: () => Promise<T>): Promise<T> =>
    limit(run).catch((error: unknown) => {
      throw toGraphQLError(error);
    });

  const read: RequestOptions = input.timeoutMs ? { ...opts, timeoutMs: input.timeoutMs } : opts;
  // One request reads a given page once, however many fields ask for it (and a field can start
  // it early: see Query.chat's prefetch of `messages`).
  let pages: Map<string, Promise<Page<Message>>> | null = null;
  const linq: RequestLinq = {
    listPhoneNumbers: () => call(() => api.listPhoneNumbers(read)),
    listChats: (args) => call(() => api.listChats(args, read)),
    getChat: (chatId) => call(() => api.getChat(chatId, read)),
    listMessages: (args) => {
      const key = JSON.stringify(args);
      pages ??= new Map();
      let page = pages.get(key);
      if (!page) {
        page = call(() => api.listMessages(args, read));
        pages.set(key, page);
      }
      return page;
    },
    getMessage: (ref) => call(() => api.getMessage(ref, read)),
  };

  const write: RequestOptions = input.writeTimeoutMs
    ? { ...opts, timeoutMs: input.writeTimeoutMs }
    : opts;
  const writes: RequestWrites = {
    sendMessage: (send) =>
      limit(() => api.sendMessage(send, send.attachments?.length ? opts : write)),
    editMessage: (ref, edit) => limit(() => api.editMessage(ref, edit, write)),
    deleteMessage: (ref) => limit(() => api.deleteMessage(ref, write)),
    react: (ref, reaction) => limit(() => api.react(ref, reaction, write)),
  };

  let phoneNumbers: Promise<PhoneNumber[]> | null = null;
  return {
    ...initContextCache(),
    dialect: api.dialect,
    capabilities: api.capabilities,
    requestId: input.requestId,
    linq,
    writes,
    uploadLimits: input.uploadLimits ?? DEFAULT_UPLOAD_LIMITS,
    ownPhoneNumbers: () => (phoneNumbers ??= linq.listPhoneNumbers()),
    logger: input.logger ?? null,
    bus: input.bus ?? null,
  };
}
