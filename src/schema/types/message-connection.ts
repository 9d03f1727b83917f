/**
 * Chat.messages: the chat's messages as a connection, with the ordering and time filters the
 * dialect supports. Listed messages are remembered with their page (loading/listed.ts):
 * message(id:), node(id:), Reaction.message and replyTo of a listed message cost no further
 * calls.
 */
import { builder } from '../builder.js';
import { ChatRef } from './chat.js';
import { resolveUpstreamConnection } from '../relay/connection.js';
import { MessageRef } from './message.js';
import { messagesList } from './messages-list.js';
import { rememberListedMessages } from '../loading/listed.js';

export const MessageOrderEnum = builder.enumType('MessageOrder', {
  description: 'Order of a chat’s messages.',
  values: {
    OLDEST_FIRST: { value: 'ASC', description: 'Oldest first (v2 only; the v2 default).' },
    NEWEST_FIRST: { value: 'DESC', description: 'Newest first (the only order of v3).' },
  } as const,
});

builder.objectField(ChatRef, 'messages', (t) =>
  t.connection(
    {
      type: MessageRef,
      nullable: true,
      description:
        'The chat’s messages. first/last: 1 to 100 (default first: 20); last/before, ' +
        'OLDEST_FIRST and the time filters need the v2 API (UNSUPPORTED_BY_DIALECT on v3).',
      args: {
        order: t.arg({
          type: MessageOrderEnum,
          description: 'Default: the API’s own order (v2 oldest first, v3 newest first).',
        }),
        sentAfter: t.arg({
          type: 'DateTime',
          description: 'Only messages sent after this time (v2 only).',
        }),
        sentBefore: t.arg({
          type: 'DateTime',
          description: 'Only messages sent before this time (v2 only).',
        }),
      },
      resolve: (chat, args, ctx) =>
        resolveUpstreamConnection(ctx, args, {
          ...messagesList(ctx, chat.id, args),
          listed: (messages) => rememberListedMessages(ctx, messages),
        }),
    },
    { name: 'MessageConnection', description: 'A page of messages.' },
    { name: 'MessageEdge', description: 'A message and its cursor.' },
  ),
);
