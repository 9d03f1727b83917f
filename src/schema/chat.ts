/** Chat: a conversation (direct or group). Loaded per id, primed from chat lists. */
import type { GatewayContext } from '../context.js';
import type { Chat } from '../upstream/model.js';
import { builder } from './builder.js';
import { resolveUpstreamConnection, type ConnectionArgs } from './connection.js';
import { ServiceEnum } from './enums.js';
import { decodeNodeId } from './global-id.js';
import { fromHandle, HandleRef } from './handle.js';
import { loadEach, LOADER_OPTIONS } from './load.js';
import { prefetchMessages } from './messages-list.js';
import { syncNodeId } from './sync-node-id.js';

export const ChatRef = builder.loadableNodeRef('Chat', {
  id: syncNodeId('Chat', (chat: Chat) => chat.id),
  load: (ids: string[], ctx: GatewayContext) => loadEach(ids, (id) => ctx.linq.getChat(id)),
  cacheResolved: (chat: Chat) => chat.id,
  loaderOptions: LOADER_OPTIONS,
});

ChatRef.implement({
  description: 'A conversation with one participant (direct) or several (group).',
  fields: (t) => ({
    displayName: t.string({
      nullable: true,
      description: 'The group name, or a list of the participants when none was set.',
      resolve: (chat) => chat.displayName,
    }),
    service: t.field({
      type: ServiceEnum,
      nullable: true,
      description: 'The service the chat runs on.',
      resolve: (chat) => chat.service,
    }),
    isGroup: t.boolean({
      description: 'True for group chats.',
      resolve: (chat) => chat.isGroup,
    }),
    isArchived: t.boolean({
      nullable: true,
      description: 'True when archived. Reported by the v3 API only (null on v2).',
      resolve: (chat) => chat.isArchived,
    }),
    handles: t.field({
      type: [HandleRef],
      description: 'The participants. On v3 this includes the account’s own number.',
      resolve: (chat) => chat.handles.map(fromHandle),
    }),
    messageCount: t.int({
      nullable: true,
      description: 'Number of messages in the chat. Reported by the v2 API only (null on v3).',
      resolve: (chat) => chat.messageCount,
    }),
    createdAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the chat was created (v3 only).',
      resolve: (chat) => chat.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the chat last changed (v3 only).',
      resolve: (chat) => chat.updatedAt,
    }),
  }),
});

/** The chats of one of the account's phone numbers, as a connection (also PhoneNumber.chats). */
export function resolveChats(ctx: GatewayContext, phoneNumber: string, args: ConnectionArgs) {
  const loader = ChatRef.getDataloader(ctx);
  return resolveUpstreamConnection(ctx, args, {
    scope: `chats:${phoneNumber}`,
    fetch: (query) => ctx.linq.listChats({ phoneNumber, ...query }),
    prime: (chat) => loader.prime(chat.id, chat),
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
    resolve: (_root, args, ctx, info) => {
      const { id } = decodeNodeId(ctx.dialect, args.id, 'Chat');
      prefetchMessages(ctx, id, info);
      return id;
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
