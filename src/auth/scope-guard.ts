/**
 * A caller's scope, enforced where every upstream read and write of a request passes: a
 * decorator over the request's binding of the adapter (BoundLinq, src/upstream/model.ts), made
 * in src/context.ts. Queries, `node`/`nodes`, nested fields, `_entities`,
 * subscriptions (at start and for every event) and mutations all read through here, so none
 * can reach a chat on a number outside the scope.
 *
 * - A chat is in scope when one of its own handles is a scoped number (caller.ts#allowsChat).
 *   Its decision is remembered for the request (for a subscription: its connection), so a
 *   chat's messages and reactions cost no extra read once the chat was read.
 * - Out-of-scope reads fail exactly like a missing object: every NOT_FOUND of a scoped caller
 *   is the same uniform error, with no upstream detail or trace id, so a caller cannot tell
 *   "not yours" from "does not exist". Chat lists of other numbers are empty, with no call.
 * - Writes: a read-only scope is FORBIDDEN before any upstream call; a write to a chat outside
 *   the scope is FORBIDDEN after the one chat read that decides it, before any write.
 *
 * An unrestricted scope (all numbers) adds nothing: no wrapper, no extra call; a read-only
 * scope over all numbers adds no read either (only its writes are refused).
 *
 * It lives in src/auth, not src/upstream: the scope is the gateway's idea of a caller, and
 * auth depends on the adapter's interface, never the reverse. Every operation of BoundLinq is
 * implemented here on purpose: a new upstream operation does not compile until its scope rule
 * is written.
 */
import { ForbiddenError, NotFoundError } from '../upstream/errors.js';
import type {
  BoundLinq,
  Chat,
  EditMessageInput,
  Message,
  MessageAddress,
  ListChatsArgs,
  ListMessagesArgs,
  Page,
  PhoneNumber,
  ReactInput,
  ReactResult,
  SendMessageInput,
  SendMessageResult,
} from '../upstream/model.js';
import { allowsChat, allowsNumber, type Scope } from './caller.js';

const chatNotFound = () => new NotFoundError('Chat not found');
const messageNotFound = () => new NotFoundError('Message not found');

/** Any NOT_FOUND becomes the uniform one (upstream wording and trace ids would tell them apart). */
const uniform = (make: () => NotFoundError) => (error: unknown) => {
  throw error instanceof NotFoundError ? make() : error;
};

const EMPTY_PAGE: Page<Chat> = Object.freeze({
  items: [],
  positions: [],
  hasNextPage: false,
  hasPreviousPage: false,
  totalCount: 0,
});

/** `linq` held to `scope`; `linq` itself when the scope is unrestricted. */
export function guardScope(linq: BoundLinq, scope: Scope): BoundLinq {
  if (scope.phoneNumbers === 'all' && scope.write) return linq;
  return new ScopeGuard(linq, scope);
}

class ScopeGuard implements BoundLinq {
  readonly #linq: BoundLinq;
  readonly #scope: Scope;
  /** Every number is in scope (a read-only caller): reads pass straight through, at no cost. */
  readonly #everyNumber: boolean;
  /** Scope decisions per chat: kept for the request (they do not change). */
  #decisions: Map<string, Promise<boolean>> | null = null;
  /**
   * One read per chat and request, shared by the scope decisions and the chat loader (Query.chat's
   * lookahead asks for the chat's messages, and so for its scope, while the loader is about to
   * read it). `forgetReads` drops them: a subscription reads objects again for every event.
   */
  #chats: Map<string, Promise<Chat>> | null = null;

  constructor(linq: BoundLinq, scope: Scope) {
    this.#linq = linq;
    this.#scope = scope;
    this.#everyNumber = scope.phoneNumbers === 'all';
  }

  get dialect() {
    return this.#linq.dialect;
  }

  get capabilities() {
    return this.#linq.capabilities;
  }

  forgetReads(): void {
    this.#chats = null;
    this.#linq.forgetReads();
  }

  setTraceparent(traceparent: string | undefined): void {
    this.#linq.setTraceparent(traceparent);
  }

  #allows(chat: Chat): boolean {
    return allowsChat(this.#scope, chat, this.#linq.dialect);
  }

  #decisionsMap(): Map<string, Promise<boolean>> {
    return (this.#decisions ??= new Map());
  }

  #readChat(chatId: string): Promise<Chat> {
    this.#chats ??= new Map();
    let read = this.#chats.get(chatId);
    if (!read) {
      read = this.#linq.getChat(chatId);
      this.#chats.set(chatId, read);
    }
    return read;
  }

  getChat(chatId: string): Promise<Chat> {
    if (this.#everyNumber) return this.#linq.getChat(chatId);
    const read = this.#readChat(chatId);
    const decision = read.then((chat) => this.#allows(chat));
    decision.catch(() => undefined); // observed by the reader below
    this.#decisionsMap().set(chatId, decision);
    return read.then((chat) => {
      if (!this.#allows(chat)) throw chatNotFound();
      return chat;
    }, uniform(chatNotFound));
  }

  /** Resolves when the chat is in scope; NOT_FOUND otherwise (one read at most per chat). */
  async #ensureChat(chatId: string): Promise<void> {
    const known = this.#decisions?.get(chatId);
    if (known === undefined) {
      await this.getChat(chatId);
      return;
    }
    if (!(await known.catch(uniform(chatNotFound)))) throw chatNotFound();
  }

  async getMessage(ref: MessageAddress): Promise<Message> {
    if (this.#everyNumber) return this.#linq.getMessage(ref);
    if (ref.chatId !== null) await this.#ensureChat(ref.chatId).catch(uniform(messageNotFound));
    const message = await this.#linq.getMessage(ref).catch(uniform(messageNotFound));
    if (ref.chatId === null || message.chatId !== ref.chatId) {
      await this.#ensureChat(message.chatId).catch(uniform(messageNotFound));
    }
    return message;
  }

  async listPhoneNumbers(): Promise<PhoneNumber[]> {
    if (this.#everyNumber) return this.#linq.listPhoneNumbers();
    return (await this.#linq.listPhoneNumbers()).filter((p) =>
      allowsNumber(this.#scope, p.phoneNumber),
    );
  }

  async listChats(args: ListChatsArgs): Promise<Page<Chat>> {
    if (this.#everyNumber) return this.#linq.listChats(args);
    if (!allowsNumber(this.#scope, args.phoneNumber)) return EMPTY_PAGE;
    const page = await this.#linq.listChats(args);
    const decisions = this.#decisionsMap();
    for (const chat of page.items) decisions.set(chat.id, Promise.resolve(this.#allows(chat)));
    return page;
  }

  async listMessages(args: ListMessagesArgs): Promise<Page<Message>> {
    if (this.#everyNumber) return this.#linq.listMessages(args);
    await this.#ensureChat(args.chatId);
    return this.#linq.listMessages(args).catch(uniform(chatNotFound));
  }

  #mayWrite(): void {
    if (!this.#scope.write) throw new ForbiddenError('This caller may not send or change messages');
  }

  /** The chat must be in scope: FORBIDDEN when it is not (a missing chat stays NOT_FOUND). */
  async #writableChat(chatId: string): Promise<void> {
    if (!this.#decisions?.has(chatId)) await this.getChat(chatId).catch(() => undefined);
    // Rejects with the read's own error (a missing chat stays NOT_FOUND, an outage stays one).
    const allowed = await (this.#decisions?.get(chatId) ?? Promise.resolve(false));
    if (!allowed) throw new ForbiddenError('This caller may not write to this chat');
  }

  async #writableMessage(ref: MessageAddress): Promise<void> {
    this.#mayWrite();
    const chatId = ref.chatId ?? (await this.#linq.getMessage(ref)).chatId;
    await this.#writableChat(chatId);
  }

  async sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    this.#mayWrite();
    await this.#writableChat(input.chatId);
    return this.#linq.sendMessage(input);
  }

  async editMessage(ref: MessageAddress, input: EditMessageInput): Promise<Message> {
    await this.#writableMessage(ref);
    return this.#linq.editMessage(ref, input);
  }

  async deleteMessage(ref: MessageAddress): Promise<void> {
    await this.#writableMessage(ref);
    return this.#linq.deleteMessage(ref);
  }

  async react(ref: MessageAddress, input: ReactInput): Promise<ReactResult> {
    await this.#writableMessage(ref);
    return this.#linq.react(ref, input);
  }
}
