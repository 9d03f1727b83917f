/**
 * The chats a request has listed, by id, for `Message.chat`.
 *
 * Listed chats prime the Chat loader, so a message's chat costs no call; but a loader hands out
 * a promise even for a primed key, and a promise per message is a microtask turn and a pending
 * result per message for the executor (100 of them on a page of 10 chats × 10 messages, each with
 * its chat). `Message.chat` answers with the listed chat itself when there is one, and with the
 * loader key otherwise: the same object either way, as the first value given for an id is kept
 * here as in the loader.
 *
 * A property of the context rather than a WeakMap entry (V8's scavenges keep WeakMap values
 * alive, bench/results/optimisations.md round 5); releaseRequest drops it with the context's
 * other properties.
 */
import type { GatewayContext } from '../../context.js';
import type { Chat } from '../../upstream/model.js';

const LISTED = Symbol('linq.listedChats');
type WithListed = GatewayContext & { [LISTED]?: Map<string, Chat> };

/** Remembers a listed chat (the first one given for its id wins, as in the loader). */
export function rememberListedChat(ctx: GatewayContext, chat: Chat): void {
  const map = ((ctx as WithListed)[LISTED] ??= new Map());
  if (!map.has(chat.id)) map.set(chat.id, chat);
}

/** The chat `id` as listed in this request, if it was. */
export function listedChat(ctx: GatewayContext, id: string): Chat | undefined {
  return (ctx as WithListed)[LISTED]?.get(id);
}
