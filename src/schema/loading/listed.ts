/**
 * What a request has listed, for the fields and loads that would otherwise go through a loader.
 *
 * - Chats, by id, for `Message.chat` and for the Chat loader's batch function. A loader hands
 *   out a promise even for a known key, and a promise per message is a microtask turn and a
 *   pending result per message for the executor (100 of them on a page of 10 chats × 10
 *   messages, each with its chat): `Message.chat` answers with the listed chat itself, and a
 *   load of a listed chat (`chat(id:)`, `node(id:)`) finds it without a call.
 * - Message pages, for the Message loader's batch function: a message that was listed is
 *   answered from its page, without a call. This replaces priming the loader with every listed
 *   message (a key, a resolved promise and a cache entry per message, most never read): the
 *   pages are only indexed when a message is loaded.
 *
 * As in a loader, the first object given for a key is kept. Kept beside the request's loaders
 * (on Pothos' per-request cache object), so a subscription's fresh loaders for each event
 * (subscriptions/common.ts `freshLoaders`) start these afresh too; a property, not a WeakMap
 * entry (V8's scavenges keep WeakMap values alive, bench/results/optimisations.md round 5).
 */
import { contextCacheSymbol } from '@pothos/core';
import type { GatewayContext } from '../../context.js';
import type { Chat, Message } from '../../upstream/model.js';
import { messageKey } from './keys.js';

const CHATS = Symbol('linq.listedChats');
const MESSAGES = Symbol('linq.listedMessages');

interface ListedMessages {
  pages: (readonly Message[])[];
  /** Pages before this index are in `byKey`. */
  indexed: number;
  byKey: Map<string, Message>;
}

interface Listed {
  [CHATS]?: Map<string, Chat>;
  [MESSAGES]?: ListedMessages;
}

const listedOf = (ctx: GatewayContext): Listed => ctx[contextCacheSymbol];

/** Remembers a page of listed chats (the first one given for an id wins, as in a loader). */
export function rememberListedChats(ctx: GatewayContext, chats: readonly Chat[]): void {
  if (chats.length === 0) return;
  const listed = listedOf(ctx);
  const map = (listed[CHATS] ??= new Map());
  for (const chat of chats) if (!map.has(chat.id)) map.set(chat.id, chat);
}

/** The chat `id` as listed in this request, if it was. */
export function listedChat(ctx: GatewayContext, id: string): Chat | undefined {
  return listedOf(ctx)[CHATS]?.get(id);
}

/** Remembers a page of listed messages (indexed only if a message is loaded). */
export function rememberListedMessages(ctx: GatewayContext, messages: readonly Message[]): void {
  if (messages.length === 0) return;
  const listed = listedOf(ctx);
  const memo: ListedMessages = (listed[MESSAGES] ??= { pages: [], indexed: 0, byKey: new Map() });
  memo.pages.push(messages);
}

/** The message of loader key `key` as listed in this request, if it was. */
export function listedMessage(ctx: GatewayContext, key: string): Message | undefined {
  const memo = listedOf(ctx)[MESSAGES];
  if (!memo) return undefined;
  for (; memo.indexed < memo.pages.length; memo.indexed++) {
    for (const message of memo.pages[memo.indexed] ?? []) {
      const k = messageKey(message);
      if (!memo.byKey.has(k)) memo.byKey.set(k, message);
    }
  }
  return memo.byKey.get(key);
}
