/** Chat: a conversation (direct or group). Loaded per id; listed chats are found in their pages. */
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { Chat } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { resolveUpstreamConnection, type ConnectionArgs } from '../relay/connection.js';
import { ServiceEnum } from './enums.js';
import { decodeNodeId } from '../relay/global-id.js';
import { fromHandle, HandleRef } from './handle.js';
import { loadEach, LOADER_OPTIONS } from '../loading/load.js';
import { listedChat, rememberListedChats } from '../loading/listed.js';
import { prefetchMessages } from './messages-list.js';
import { nullableDateTime } from './scalars.js';
import { syncNodeId } from '../relay/sync-node-id.js';

export const ChatRef = builder.loadableNodeRef('Chat', {
  // Memoised: a listed chat's id is read again below each of its messages (Message.chat).
  id: syncNodeId('Chat', (chat: Chat) => chat.id, { memo: true }),
  // A chat this request listed is answered from its list (loading/listed.ts), without a call.
  load: (ids: string[], ctx: GatewayContext) =>
    loadEach(ids, async (id) => listedChat(ctx, id) ?? (await ctx.linq.getChat(id))),
  // No `cacheResolved`: listed chats are found by the batch function, and Query.chat may
  // resolve a chat known only by its id (chatKnownById), which must never stand in for the
  // loaded chat.
  loaderOptions: LOADER_OPTIONS,
});

ChatRef.implement({
  description: 'A conversation with one participant (direct) or several (group).',
  fields: (t) => ({
    displayName: t.exposeString('displayName', {
      nullable: true,
      description: 'The group name, or a list of the participants when none was set.',
    }),
    service: t.expose('service', {
      type: ServiceEnum,
      nullable: true,
      description: 'The service the chat runs on.',
    }),
    isGroup: t.exposeBoolean('isGroup', {
      description: 'True for group chats.',
    }),
    isArchived: t.exposeBoolean('isArchived', {
      nullable: true,
      description: 'True when archived. Reported by the v3 API only (null on v2).',
    }),
    handles: t.field({
      type: [HandleRef],
      description: 'The participants. On v3 this includes the account’s own number.',
      resolve: (chat) => chat.handles.map(fromHandle),
    }),
    messageCount: t.exposeInt('messageCount', {
      nullable: true,
      description: 'Number of messages in the chat. Reported by the v2 API only (null on v3).',
    }),
    createdAt: t.expose('createdAt', nullableDateTime('When the chat was created (v3 only).')),
    updatedAt: t.expose('updatedAt', nullableDateTime('When the chat last changed (v3 only).')),
  }),
});

/**
 * A chat known to exist of which only its id is asked for (see Query.chat): the other fields
 * are never resolved, as none is selected; it is neither listed nor in the loader, so another
 * field asking for the same chat reads it in full.
 */
function chatKnownById(id: string): Chat {
  return { id } as Chat;
}

function isNotFound(error: unknown): boolean {
  if (error instanceof GraphQLError) return error.extensions['code'] === 'NOT_FOUND';
  return (error as { code?: unknown } | null)?.code === 'NOT_FOUND';
}

/** The chats of one of the account's phone numbers, as a connection (also PhoneNumber.chats). */
export function resolveChats(ctx: GatewayContext, phoneNumber: string, args: ConnectionArgs) {
  return resolveUpstreamConnection(ctx, args, {
    scope: `chats:${phoneNumber}`,
    fetch: (query) => ctx.linq.listChats({ phoneNumber, ...query }),
    listed: (chats) => rememberListedChats(ctx, chats),
  });
}

/** Shared by Query.chats and PhoneNumber.chats. */
export const ChatConnectionRef = builder.connectionObject(
  { type: ChatRef, name: 'ChatConnection', description: 'A page of chats.' },
  { name: 'ChatEdge', description: 'A chat and its cursor.' },
);

builder.queryFields((t) => ({
  chat: t.field({
    type: ChatRef,
    nullable: true,
    description: 'A chat by its id.',
    args: { id: t.arg.id({ required: true, description: 'A Chat id.' }) },
    resolve: async (_root, args, ctx, info) => {
      const { id } = decodeNodeId(ctx.dialect, args.id, 'Chat');
      const prefetch = prefetchMessages(ctx, id, info);
      if (!prefetch.onlyMessages) return id;
      // `chat(id:) { messages }`: the message list proves the chat exists (a missing chat's list
      // is NOT_FOUND, like the chat), so the chat itself is not read: one call, not two.
      const settled = await Promise.allSettled(prefetch.reads);
      const missing = settled.find((s) => s.status === 'rejected' && isNotFound(s.reason));
      if (missing?.status === 'rejected') throw missing.reason;
      // Another failure is the `messages` field's to report; the chat loads as usual.
      return settled.every((s) => s.status === 'fulfilled') ? chatKnownById(id) : id;
    },
  }),
  chats: t.connection(
    {
      type: ChatRef,
      nullable: true,
      description:
        'The chats of one of the account’s phone numbers. first/last: 1 to 100 (default ' +
        'first: 20); last/before need the v2 API.',
      args: {
        phoneNumber: t.arg.string({
          required: true,
          description: 'One of the account’s phone numbers (E.164), see `phoneNumbers`.',
        }),
      },
      resolve: (_root, args, ctx) => resolveChats(ctx, args.phoneNumber, args),
    },
    ChatConnectionRef,
  ),
}));
