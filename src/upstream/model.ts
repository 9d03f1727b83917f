/**
 * The gateway's domain model of Linq: one camelCase shape for both API dialects.
 *
 * The dialect modules (dialect-v2.ts, dialect-v3.ts) map upstream DTOs into these types.
 * Where a dialect cannot provide a value the field is `null` and the gap is recorded in
 * `DialectCapabilities`, never papered over with a guess.
 *
 * Ids are strings in both dialects (v2 integers are rendered in base 10).
 */

export type Dialect = 'v2' | 'v3';

export type Service = 'IMESSAGE' | 'SMS' | 'RCS';

/** One normalised delivery status for both dialects (v2 delivery_status, v3 booleans/SentMessage). */
export type DeliveryStatus =
  | 'PENDING'
  | 'QUEUED'
  | 'SENT'
  | 'DELIVERED'
  | 'READ'
  | 'FAILED'
  | 'SERVICE_UNAVAILABLE'
  | 'PAUSED';

export type ReactionType =
  'LOVE' | 'LIKE' | 'DISLIKE' | 'LAUGH' | 'EMPHASIZE' | 'QUESTION' | 'CUSTOM' | 'STICKER';

export type HandleStatus = 'ACTIVE' | 'LEFT' | 'REMOVED';

export interface PhoneNumber {
  id: string;
  /** E.164 */
  phoneNumber: string;
  /** v2 only */
  forwardingNumber: string | null;
}

export interface Handle {
  /** v2: chat_handle id (integer); v3: chat membership UUID. */
  id: string;
  /** Phone number (E.164) or email address. */
  address: string;
  service: Service | null;
  /** v3 only (`is_me`); null in v2. */
  isMe: boolean | null;
  /** v3 only; null in v2. */
  status: HandleStatus | null;
  joinedAt: string | null;
  leftAt: string | null;
}

export interface Chat {
  id: string;
  displayName: string | null;
  service: Service | null;
  isGroup: boolean;
  /** v3 only. */
  isArchived: boolean | null;
  handles: Handle[];
  /** v2 only (`message_count`). */
  messageCount: number | null;
  /** v3 only. */
  createdAt: string | null;
  /** v3 only. */
  updatedAt: string | null;
}

export interface Attachment {
  /** UUID in both dialects. */
  id: string;
  url: string | null;
  filename: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
}

export interface TextDecoration {
  /** [start, end) in UTF-16 code units. */
  start: number;
  end: number;
  style: string | null;
  animation: string | null;
}

export type MessagePart =
  | { kind: 'text'; index: number; value: string; decorations: TextDecoration[] }
  | { kind: 'media'; index: number; attachment: Attachment }
  | { kind: 'link'; index: number; url: string };

export interface Sticker {
  url: string | null;
  mimeType: string | null;
  width: number | null;
  height: number | null;
  fileName: string | null;
}

export interface Reaction {
  /** Upstream reaction id: v2 only. v3 reactions have no id: found on their message by part. */
  id: string | null;
  messageId: string;
  /** Known in v3 and when a v2 reaction was read through its message; null from v2 GET reaction. */
  chatId: string | null;
  /** v3 part index; v2 reactions are on the whole message (null). */
  partIndex: number | null;
  type: ReactionType;
  customEmoji: string | null;
  sticker: Sticker | null;
  /** v3: the reacting chat handle; v2: null (only `senderAddress`). */
  handle: Handle | null;
  senderAddress: string | null;
  isFromMe: boolean | null;
  /** v2 only. */
  sentAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export interface MessageEffect {
  type: 'SCREEN' | 'BUBBLE';
  name: string;
}

export interface ReplyTo {
  messageId: string;
  partIndex: number | null;
}

export interface Message {
  id: string;
  chatId: string;
  /** Text parts joined with "\n"; null when the message has no text part. */
  text: string | null;
  /** Ordered parts. v2 messages become `[text part] + media parts`. */
  parts: MessagePart[];
  /** Media of all parts, in part order. */
  attachments: Attachment[];
  /** v3: `from_handle`; v2: null (v2 gives `chat_handle_id` + `sent_from`). */
  sender: Handle | null;
  /** v2: `chat_handle_id`; v3: `from_handle.id`. */
  senderHandleId: string | null;
  /** v2: `sent_from`; v3: `from_handle.handle` (or deprecated `from`). */
  senderAddress: string | null;
  /**
   * v3: `is_from_me`. v2 has no such field: null, and callers decide by comparing
   * `senderAddress` with the account's phone numbers.
   */
  isFromMe: boolean | null;
  status: DeliveryStatus | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  editedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  replyTo: ReplyTo | null;
  effect: MessageEffect | null;
  service: Service | null;
  /** All reactions, flattened over parts (v3) or from the message (v2). */
  reactions: Reaction[];
}

/** Addresses a message upstream. v2 needs the chat id too; v3 ignores it. */
export interface MessageAddress {
  id: string;
  chatId: string | null;
}

/** Part indexes (v3 replies, edits and reactions) run from 0 to MAX_PART_INDEX. */
export const MAX_PART_INDEX = 99;

export const isPartIndex = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_PART_INDEX;

/** What each dialect can and cannot do; the schema documents these as nulls or errors. */
export interface DialectCapabilities {
  totalCount: boolean;
  backwardPagination: boolean;
  reactionIds: boolean;
  messageTimeFilters: boolean;
  messageOrder: boolean;
  partIndexOnReactions: boolean;
  customReactions: boolean;
}

// ---------------------------------------------------------------------------------------------
// Pagination

/**
 * An opaque position in an upstream list, produced by the adapter (v2: an offset; v3: the
 * upstream cursor plus an offset into its page). Only the adapter interprets it; the GraphQL
 * layer wraps it into its own opaque cursor.
 */
export type Position = string;

/** "N items after X" or "N items before X"; the adapter pushes the limit down. */
export type PageQuery =
  | { first: number; after?: Position | null; last?: undefined; before?: undefined }
  | { last: number; before?: Position | null; first?: undefined; after?: undefined };

export interface Page<T> {
  items: T[];
  /**
   * positions[i] identifies items[i]; usable as `after` or `before` of a later query. May be a
   * getter that encodes them on first read (v2): read it only when a position is needed.
   */
  readonly positions: Position[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** v2 only; null in v3. */
  totalCount: number | null;
}

export type ListChatsArgs = { phoneNumber: string } & PageQuery;

export type ListMessagesArgs = { chatId: string } & PageQuery & MessageListFilter;

export interface MessageListFilter {
  /** v2 only (`sort`); v3 lists newest first as the API returns them. */
  order?: 'ASC' | 'DESC';
  /** v2 only (`after`). */
  sentAfter?: string;
  /** v2 only (`before`). */
  sentBefore?: string;
}

// ---------------------------------------------------------------------------------------------
// Writes

export interface UploadSource {
  filename: string;
  contentType: string;
  /** Declared size in bytes when known (v3 presign needs it). */
  size?: number;
  stream: NodeJS.ReadableStream;
}

/**
 * A file whose name, type and size become known only when it is its turn: in a GraphQL
 * multipart request each file's part headers arrive right after the bytes of the file before
 * it. The adapter calls it just before it streams that file, never earlier; the caller drains
 * deferred files the adapter never asked for.
 */
export type DeferredUpload = () => Promise<UploadSource>;

export interface SendMessageInput {
  chatId: string;
  text?: string | null;
  attachments?: (UploadSource | DeferredUpload)[];
  attachmentUrls?: string[];
  /** `^[a-zA-Z0-9_-]+$`; generated by the client when absent. */
  idempotencyKey?: string | null;
  replyTo?: ReplyTo | null;
  effect?: MessageEffect | null;
}

export interface SendMessageResult {
  message: Message;
  /** v2: 200 on a repeated idempotency key instead of 201. v3: unknown → false. */
  replayed: boolean;
  idempotencyKey: string;
}

export interface EditMessageInput {
  text: string;
  partIndex?: number | null;
}

export interface ReactInput {
  operation: 'ADD' | 'REMOVE';
  type: ReactionType;
  customEmoji?: string | null;
  partIndex?: number | null;
}

export interface ReactResult {
  /** v2 returns the reaction; v3 accepts asynchronously (202) and returns none. */
  reaction: Reaction | null;
  traceId: string | null;
}

// ---------------------------------------------------------------------------------------------
// Per-call options and the per-request binding

/**
 * What the adapter needs of a caller's abort signal: an AbortSignal is one, and so is the lane's
 * lighter one for a client going away (lane/front.ts), which spares every request an
 * AbortController (≈ 3 µs each on Node 20).
 */
export interface AbortSource {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
}

export interface RequestOptions {
  /** The caller's Linq token; falls back to the configured service token. */
  token?: string | null;
  /** Aborts the upstream request (e.g. the incoming GraphQL request was aborted). */
  signal?: AbortSource;
  /** Propagated as `x-request-id`. */
  requestId?: string;
  /** W3C trace context, propagated as is. */
  traceparent?: string;
  /** Overall deadline of this operation including retries and all its requests, in ms. */
  timeoutMs?: number;
  /** @default the client's configured maxRetries */
  maxRetries?: number;
}

/** Calls one binding may make: `take` throws (and nothing is called) once it is used up. */
export interface CallBudget {
  take(): void;
}

/** Everything one incoming request's upstream calls share (`LinqApi.withOptions`). */
export interface RequestBinding {
  /** The caller's Linq token; falls back to the configured service token. */
  token?: string | null;
  requestId?: string;
  /** Aborts every call of the binding (e.g. the incoming request was aborted). */
  signal?: AbortSource;
  /** W3C trace context; `setTraceparent` changes it for the calls made from then on. */
  traceparent?: string;
  /** Deadline of each read, retries included, in ms; none when absent. */
  readTimeoutMs?: number;
  /** Deadline of each write (a send that streams files has none: its length is the file's). */
  writeTimeoutMs?: number;
  /** Operations in flight at once. @default MAX_UPSTREAM_CONCURRENCY */
  concurrency?: number;
  /** Taken once per operation when it is asked for (so failures follow the caller's order). */
  budget?: CallBudget | null;
}

/** Upstream operations one binding has in flight at once, by default. */
export const MAX_UPSTREAM_CONCURRENCY = 8;

/**
 * The operations of Linq, the same for both dialects. Each one is one logical call (one unit of
 * a CallBudget), whatever number of HTTP requests it takes. `opts` adds to (and overrides) the
 * binding's options; bound callers normally pass none.
 */
export interface LinqOperations {
  readonly dialect: Dialect;
  readonly capabilities: DialectCapabilities;
  listPhoneNumbers(opts?: RequestOptions): Promise<PhoneNumber[]>;
  listChats(args: ListChatsArgs, opts?: RequestOptions): Promise<Page<Chat>>;
  getChat(chatId: string, opts?: RequestOptions): Promise<Chat>;
  /** Bound: one read per distinct `args` until `forgetReads`, however many callers ask. */
  listMessages(args: ListMessagesArgs, opts?: RequestOptions): Promise<Page<Message>>;
  getMessage(ref: MessageAddress, opts?: RequestOptions): Promise<Message>;
  sendMessage(input: SendMessageInput, opts?: RequestOptions): Promise<SendMessageResult>;
  editMessage(
    ref: MessageAddress,
    input: EditMessageInput,
    opts?: RequestOptions,
  ): Promise<Message>;
  deleteMessage(ref: MessageAddress, opts?: RequestOptions): Promise<void>;
  react(ref: MessageAddress, input: ReactInput, opts?: RequestOptions): Promise<ReactResult>;
}

/** The adapter bound to one request: what the GraphQL layer talks to (`ctx.linq`). */
export interface BoundLinq extends LinqOperations {
  /** Forgets what the binding read so far (a subscription reads again for every event). */
  forgetReads(): void;
  /** The traceparent sent upstream from now on (e.g. a subscription event's span). */
  setTraceparent(traceparent: string | undefined): void;
}

/** The adapter's surface (`createLinqClient`): unbound operations, per-request binding, pool. */
export interface LinqApi extends LinqOperations {
  /** The same operations bound to one request: its options, concurrency, deadlines, budget. */
  withOptions(binding: RequestBinding): BoundLinq;
  /** Closes the connection pool. */
  close(): Promise<void>;
}
