/**
 * The per-request GraphQL context: who is calling (their Linq token), the request id, the abort
 * signal, and a request-scoped view of the adapter. Every upstream call of one request goes
 * through `linq`, which adds the caller's RequestOptions, bounds concurrency, and turns adapter
 * errors into GraphQL errors with a stable `extensions.code`.
 *
 * DataLoaders hang off this object (Pothos `createContextCache`), so two requests, and two
 * callers with different tokens, never share a loaded object.
 */
import { initContextCache } from '@pothos/core';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { toGraphQLError } from './schema/errors.js';
import type {
  Chat,
  Dialect,
  DialectCapabilities,
  LinqApi,
  Message,
  MessageListFilter,
  MessageRef,
  Page,
  PageQuery,
  PhoneNumber,
  RequestOptions,
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

export interface GatewayContext {
  readonly dialect: Dialect;
  readonly capabilities: DialectCapabilities;
  readonly requestId: string;
  readonly linq: RequestLinq;
  /** The account's phone numbers, fetched at most once per request. */
  readonly ownPhoneNumbers: () => Promise<PhoneNumber[]>;
  readonly logger: Logger | null;
}

export interface ContextInput {
  api: LinqApi;
  /** The caller's Linq token (or the service token); null lets the adapter use its default. */
  token: string | null;
  requestId: string;
  signal?: AbortSignal;
  logger?: Logger | null;
  concurrency?: number;
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

  const linq: RequestLinq = {
    listPhoneNumbers: () => call(() => api.listPhoneNumbers(opts)),
    listChats: (args) => call(() => api.listChats(args, opts)),
    getChat: (chatId) => call(() => api.getChat(chatId, opts)),
    listMessages: (args) => call(() => api.listMessages(args, opts)),
    getMessage: (ref) => call(() => api.getMessage(ref, opts)),
  };

  let phoneNumbers: Promise<PhoneNumber[]> | null = null;
  return {
    ...initContextCache(),
    dialect: api.dialect,
    capabilities: api.capabilities,
    requestId: input.requestId,
    linq,
    ownPhoneNumbers: () => (phoneNumbers ??= linq.listPhoneNumbers()),
    logger: input.logger ?? null,
  };
}
