/**
 * The in-memory store behind both dialects. Every chat, message, handle and reaction has a v2
 * integer id and a v3 UUID; lookups through an account never return another account's data.
 */
import { Rng } from './seed/prng.js';
import type {
  AccountRec,
  AttachmentRec,
  ChatRec,
  HandleRec,
  MessageRec,
  PartRec,
  ReactionRec,
} from './records.js';
import type { SandboxEvent, WebhookTarget } from './webhooks/types.js';

export interface StoreFixtures {
  primaryToken: string;
  otherToken: string;
  /** The primary account's first number (E.164); it has the most chats. */
  primaryPhone: string;
  primaryPhones: string[];
  otherPhone: string;
  /** A direct chat of the first number with more than 120 messages. */
  bigChat: { v2Id: number; uuid: string; messageCount: number };
  groupChat: { v2Id: number; uuid: string };
  /** A chat of the other account (for cross-account 404 tests). */
  otherChat: { v2Id: number; uuid: string };
  otherMessage: { v2Id: number; uuid: string };
}

export class Store {
  readonly rng: Rng;
  readonly accounts: AccountRec[] = [];
  readonly chats: ChatRec[] = [];
  readonly attachments = new Map<string, AttachmentRec>();
  private readonly chatsByV2 = new Map<number, ChatRec>();
  private readonly chatsByUuid = new Map<string, ChatRec>();
  private readonly messagesByV2 = new Map<number, MessageRec>();
  private readonly messagesByUuid = new Map<string, MessageRec>();
  private readonly reactionsByV2 = new Map<number, ReactionRec>();
  /** Webhook subscriptions created through the v2/v3 API (account state; reset with the store). */
  readonly webhookSubscriptions: WebhookTarget[] = [];
  /** Receives every write event (set by startSandbox; drives webhook delivery). */
  onEvent: ((event: SandboxEvent) => void) | null = null;
  private seq = { message: 100_000, reaction: 900_000, handle: 5_000, chat: 1_000, webhook: 0 };

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  // ------------------------------------------------------------------ ids

  nextMessageV2(): number {
    return ++this.seq.message;
  }
  nextReactionV2(): number {
    return ++this.seq.reaction;
  }
  nextHandleV2(): number {
    return ++this.seq.handle;
  }
  nextChatV2(): number {
    return ++this.seq.chat;
  }
  nextWebhookV2(): number {
    return ++this.seq.webhook;
  }

  /** Reports a write to the webhook emitter; never throws into the request. */
  emit(event: SandboxEvent): void {
    try {
      this.onEvent?.(event);
    } catch {
      // delivery problems must never change an API response
    }
  }

  // ------------------------------------------------------------------ indexing

  addChat(chat: ChatRec): void {
    this.chats.push(chat);
    this.chatsByV2.set(chat.v2Id, chat);
    this.chatsByUuid.set(chat.uuid, chat);
  }

  /** Appends (or inserts in order) a message and indexes it. */
  addMessage(message: MessageRec): void {
    const list = message.chat.messages;
    const last = list[list.length - 1];
    if (!last || compareMessages(last, message) <= 0) list.push(message);
    else {
      list.push(message);
      list.sort(compareMessages);
    }
    this.messagesByV2.set(message.v2Id, message);
    this.messagesByUuid.set(message.uuid, message);
    for (const part of message.parts) for (const r of part.reactions) this.indexReaction(r);
  }

  removeMessage(message: MessageRec): void {
    const list = message.chat.messages;
    const index = list.indexOf(message);
    if (index >= 0) list.splice(index, 1);
    this.messagesByV2.delete(message.v2Id);
    this.messagesByUuid.delete(message.uuid);
    for (const part of message.parts) {
      for (const r of part.reactions) this.reactionsByV2.delete(r.v2Id);
    }
  }

  indexReaction(reaction: ReactionRec): void {
    this.reactionsByV2.set(reaction.v2Id, reaction);
  }

  unindexReaction(reaction: ReactionRec): void {
    this.reactionsByV2.delete(reaction.v2Id);
  }

  // ------------------------------------------------------------------ scoped lookups

  accountByToken(token: string | null | undefined): AccountRec | null {
    if (!token) return null;
    return this.accounts.find((a) => a.token === token) ?? null;
  }

  chatV2(account: AccountRec, id: string | undefined): ChatRec | null {
    const chat = /^\d{1,15}$/.test(id ?? '') ? this.chatsByV2.get(Number(id)) : undefined;
    return chat && chat.accountId === account.id ? chat : null;
  }

  chatV3(account: AccountRec, id: string | undefined): ChatRec | null {
    const chat = this.chatsByUuid.get((id ?? '').toLowerCase());
    return chat && chat.accountId === account.id ? chat : null;
  }

  messageV2(account: AccountRec, id: string | undefined): MessageRec | null {
    const m = /^\d{1,15}$/.test(id ?? '') ? this.messagesByV2.get(Number(id)) : undefined;
    return m && m.chat.accountId === account.id ? m : null;
  }

  messageV3(account: AccountRec, id: string | undefined): MessageRec | null {
    const m = this.messagesByUuid.get((id ?? '').toLowerCase());
    return m && m.chat.accountId === account.id ? m : null;
  }

  reactionV2(account: AccountRec, id: string | undefined): ReactionRec | null {
    const r = /^\d{1,15}$/.test(id ?? '') ? this.reactionsByV2.get(Number(id)) : undefined;
    return r && r.message.chat.accountId === account.id ? r : null;
  }

  attachment(account: AccountRec, id: string | undefined): AttachmentRec | null {
    const a = this.attachments.get((id ?? '').toLowerCase());
    return a && a.accountId === account.id ? a : null;
  }

  chatsOf(account: AccountRec, ownerNumber: string): ChatRec[] {
    return this.chats.filter((c) => c.accountId === account.id && c.ownerNumber === ownerNumber);
  }

  // ------------------------------------------------------------------ inspection (tests)

  /** Any chat by v2 id or UUID, regardless of account. */
  getChat(id: string | number): ChatRec | null {
    if (typeof id === 'number' || /^\d+$/.test(id)) return this.chatsByV2.get(Number(id)) ?? null;
    return this.chatsByUuid.get(id.toLowerCase()) ?? null;
  }

  /** Any message by v2 id or UUID, regardless of account. */
  getMessage(id: string | number): MessageRec | null {
    if (typeof id === 'number' || /^\d+$/.test(id)) {
      return this.messagesByV2.get(Number(id)) ?? null;
    }
    return this.messagesByUuid.get(id.toLowerCase()) ?? null;
  }

  getReaction(v2Id: number): ReactionRec | null {
    return this.reactionsByV2.get(v2Id) ?? null;
  }

  messageCount(chatId: string | number): number {
    return this.getChat(chatId)?.messages.length ?? 0;
  }

  totalMessages(): number {
    return this.chats.reduce((n, c) => n + c.messages.length, 0);
  }

  fixtures(): StoreFixtures {
    const primary = this.accounts.find((a) => a.id === 'primary');
    const other = this.accounts.find((a) => a.id === 'other');
    if (!primary || !other) throw new Error('store is not seeded');
    const primaryPhone = primary.phoneNumbers[0]?.number ?? '';
    const mine = this.chatsOf(primary, primaryPhone);
    const big = [...mine].sort((a, b) => b.messages.length - a.messages.length)[0];
    const group = mine.find((c) => c.isGroup);
    const otherChat = this.chats.find((c) => c.accountId === 'other' && c.messages.length > 0);
    const otherMessage = otherChat?.messages[0];
    if (!big || !group || !otherChat || !otherMessage) throw new Error('store is not seeded');
    return {
      primaryToken: primary.token,
      otherToken: other.token,
      primaryPhone,
      primaryPhones: primary.phoneNumbers.map((p) => p.number),
      otherPhone: other.phoneNumbers[0]?.number ?? '',
      bigChat: { v2Id: big.v2Id, uuid: big.uuid, messageCount: big.messages.length },
      groupChat: { v2Id: group.v2Id, uuid: group.uuid },
      otherChat: { v2Id: otherChat.v2Id, uuid: otherChat.uuid },
      otherMessage: { v2Id: otherMessage.v2Id, uuid: otherMessage.uuid },
    };
  }
}

export function compareMessages(a: MessageRec, b: MessageRec): number {
  if (a.sentAt !== b.sentAt) return a.sentAt < b.sentAt ? -1 : 1;
  return a.v2Id - b.v2Id;
}

export function myHandle(chat: ChatRec): HandleRec {
  const me = chat.handles.find((h) => h.isMe);
  if (!me) throw new Error(`chat ${chat.uuid} has no own handle`);
  return me;
}

/** Text parts (and link parts) joined with a newline, as v2 shows a message. */
export function plainText(parts: PartRec[]): string {
  return parts.flatMap((p) => (p.type === 'text' || p.type === 'link' ? [p.value] : [])).join('\n');
}
