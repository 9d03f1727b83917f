/**
 * A caller's scope, enforced where every upstream read and write of a request passes: the
 * per-request binding (src/context.ts). Queries, `node`/`nodes`, nested fields, `_entities`,
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
 * An unrestricted scope (all numbers) adds nothing: no wrapper, no extra call.
 */
import type { RequestLinq, RequestWrites } from '../context.js';
import { ForbiddenError, NotFoundError } from '../upstream/errors.js';
import type { Chat, Dialect, Message, MessageRef, Page } from '../upstream/model.js';
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
}) as Page<Chat>;

export interface Guarded {
  readonly reads: RequestLinq;
  readonly writes: RequestWrites;
  /** Forgets the objects read so far (scope decisions are kept: they do not change). */
  forget(): void;
}

export function guardScope(
  raw: { reads: RequestLinq; writes: RequestWrites },
  scope: Scope,
  dialect: Dialect,
): Guarded {
  if (scope.phoneNumbers === 'all' && scope.write) return { ...raw, forget: () => undefined };
  const { reads, writes } = raw;
  const decisions = new Map<string, Promise<boolean>>();

  // One read per chat and request, shared by the scope decisions and the chat loader (Query.chat's
  // lookahead asks for the chat's messages, and so for its scope, while the loader is about to
  // read it). `forget` drops them: a subscription reads objects again for every event.
  const chats = new Map<string, Promise<Chat>>();
  const readChat = (chatId: string): Promise<Chat> => {
    let read = chats.get(chatId);
    if (!read) {
      read = reads.getChat(chatId);
      chats.set(chatId, read);
    }
    return read;
  };

  const getChat = (chatId: string): Promise<Chat> => {
    const read = readChat(chatId);
    const decision = read.then((chat) => allowsChat(scope, chat, dialect));
    decision.catch(() => undefined); // observed by the reader below
    decisions.set(chatId, decision);
    return read.then((chat) => {
      if (!allowsChat(scope, chat, dialect)) throw chatNotFound();
      return chat;
    }, uniform(chatNotFound));
  };

  /** Resolves when the chat is in scope; NOT_FOUND otherwise (one read at most per chat). */
  const ensureChat = async (chatId: string): Promise<void> => {
    const known = decisions.get(chatId);
    if (known === undefined) {
      await getChat(chatId);
      return;
    }
    if (!(await known.catch(uniform(chatNotFound)))) throw chatNotFound();
  };

  const getMessage = async (ref: MessageRef): Promise<Message> => {
    if (ref.chatId !== null) await ensureChat(ref.chatId).catch(uniform(messageNotFound));
    const message = await reads.getMessage(ref).catch(uniform(messageNotFound));
    if (ref.chatId === null || message.chatId !== ref.chatId) {
      await ensureChat(message.chatId).catch(uniform(messageNotFound));
    }
    return message;
  };

  const guardedReads: RequestLinq = {
    listPhoneNumbers: async () =>
      (await reads.listPhoneNumbers()).filter((p) => allowsNumber(scope, p.phoneNumber)),
    listChats: async (args) => {
      if (!allowsNumber(scope, args.phoneNumber)) return EMPTY_PAGE;
      const page = await reads.listChats(args);
      for (const chat of page.items) {
        decisions.set(chat.id, Promise.resolve(allowsChat(scope, chat, dialect)));
      }
      return page;
    },
    getChat,
    listMessages: async (args) => {
      await ensureChat(args.chatId);
      return reads.listMessages(args).catch(uniform(chatNotFound));
    },
    getMessage,
  };

  const mayWrite = () => {
    if (!scope.write) throw new ForbiddenError('This caller may not send or change messages');
  };
  /** The chat must be in scope: FORBIDDEN when it is not (a missing chat stays NOT_FOUND). */
  const writableChat = async (chatId: string) => {
    if (!decisions.has(chatId)) await getChat(chatId).catch(() => undefined);
    // Rejects with the read's own error (a missing chat stays NOT_FOUND, an outage stays one).
    const allowed = await (decisions.get(chatId) ?? Promise.resolve(false));
    if (!allowed) throw new ForbiddenError('This caller may not write to this chat');
  };
  const writableMessage = async (ref: MessageRef) => {
    mayWrite();
    const chatId = ref.chatId ?? (await reads.getMessage(ref)).chatId;
    await writableChat(chatId);
  };

  const guardedWrites: RequestWrites = {
    sendMessage: async (input) => {
      mayWrite();
      await writableChat(input.chatId);
      return writes.sendMessage(input);
    },
    editMessage: async (ref, input) => {
      await writableMessage(ref);
      return writes.editMessage(ref, input);
    },
    deleteMessage: async (ref) => {
      await writableMessage(ref);
      return writes.deleteMessage(ref);
    },
    react: async (ref, input) => {
      await writableMessage(ref);
      return writes.react(ref, input);
    },
  };

  return { reads: guardedReads, writes: guardedWrites, forget: () => chats.clear() };
}
