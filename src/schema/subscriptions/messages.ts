/**
 * Subscription.messageAdded, messageUpdated and messageDeleted: a chat's messages as they come,
 * change and go (from Linq webhooks, see src/realtime/webhooks/). Messages are read again with the
 * subscriber's token for each event (common.ts).
 */
import type { Message } from '../../upstream/model.js';
import type { MessageChange } from '../../realtime/webhooks/index.js';
import { builder } from '../builder.js';
import { ChatRef } from '../types/chat.js';
import { encodeNodeId } from '../relay/global-id.js';
import { messageKey } from '../loading/keys.js';
import { MessageRef } from '../types/message.js';
import { lazyEdge, MessageEdgeRef } from '../mutations/message-edge.js';
import { CHAT_ID_ARG, payloadOf, subscribeToChat } from './common.js';
import { arrivalCursor } from './edge.js';

interface MessageUpdate {
  message: Message;
  change: MessageChange;
  occurredAt: string;
}

interface MessageDeletion {
  chatId: string;
  deletedMessageId: string;
  occurredAt: string;
}

const MessageChangeEnum = builder.enumType('MessageChange', {
  description: 'What changed about a message.',
  values: {
    EDITED: { description: 'Its text was edited (v3, webhook version 2026-02-03 or later).' },
    DELIVERED: { description: 'It was delivered (v3).' },
    READ: { description: 'It was read.' },
    FAILED: { description: 'It could not be delivered (v3).' },
  } as const,
});

const MessageUpdatedEventRef = builder.objectRef<MessageUpdate>('MessageUpdatedEvent').implement({
  description: 'A message of the chat changed.',
  fields: (t) => ({
    message: t.field({
      type: MessageRef,
      description: 'The message as it is now (read again after the change).',
      resolve: (u) => u.message,
    }),
    change: t.field({
      type: MessageChangeEnum,
      description: 'What changed.',
      resolve: (u) => u.change,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When Linq reported the change.',
      resolve: (u) => u.occurredAt,
    }),
  }),
});

const MessageDeletedEventRef = builder.objectRef<MessageDeletion>('MessageDeletedEvent').implement({
  description: 'A message of the chat was deleted.',
  fields: (t) => ({
    deletedMessageId: t.id({
      description: 'The id of the deleted Message (for Relay’s @deleteEdge / @deleteRecord).',
      resolve: (d) => d.deletedMessageId,
    }),
    chat: t.field({
      type: ChatRef,
      description: 'The chat it was in.',
      resolve: (d) => d.chatId,
    }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When Linq reported the deletion.',
      resolve: (d) => d.occurredAt,
    }),
  }),
});

builder.subscriptionField('messageAdded', (t) =>
  t.field({
    type: MessageEdgeRef,
    description:
      'New messages of a chat, sent or received, as edges of `Chat.messages` (Relay: ' +
      '@prependEdge on v3, newest first; @appendEdge on v2, oldest first). Selecting ' +
      '`cursor` costs one list call per message.',
    args: { chatId: t.arg.id(CHAT_ID_ARG) },
    subscribe: (_root, args, ctx) =>
      subscribeToChat(ctx, String(args.chatId), ['messageAdded'], async (event, chatId) => {
        const key = messageKey({ chatId, id: event.messageId });
        const message = await MessageRef.getDataloader(ctx).load(key);
        return lazyEdge(message, () => arrivalCursor(ctx, message));
      }),
    resolve: (delivery) => payloadOf(delivery),
  }),
);

builder.subscriptionField('messageUpdated', (t) =>
  t.field({
    type: MessageUpdatedEventRef,
    description: 'Edits, delivery and read receipts of a chat’s messages.',
    args: { chatId: t.arg.id(CHAT_ID_ARG) },
    subscribe: (_root, args, ctx) =>
      subscribeToChat(ctx, String(args.chatId), ['messageUpdated'], async (event, chatId) => {
        const key = messageKey({ chatId, id: event.messageId });
        const read = await MessageRef.getDataloader(ctx).load(key);
        // v3 reads carry no edit time: the edit event's time is it.
        const message =
          event.change === 'EDITED' && read.editedAt === null
            ? { ...read, editedAt: event.occurredAt }
            : read;
        return { message, change: event.change, occurredAt: event.occurredAt };
      }),
    resolve: (delivery) => payloadOf(delivery),
  }),
);

builder.subscriptionField('messageDeleted', (t) =>
  t.field({
    type: MessageDeletedEventRef,
    description: 'Deleted messages of a chat.',
    args: { chatId: t.arg.id(CHAT_ID_ARG) },
    subscribe: (_root, args, ctx) =>
      subscribeToChat(ctx, String(args.chatId), ['messageDeleted'], async (event, chatId) => ({
        chatId,
        deletedMessageId: encodeNodeId(
          ctx.dialect,
          'Message',
          messageKey({ chatId, id: event.messageId }),
        ),
        occurredAt: event.occurredAt,
      })),
    resolve: (delivery) => payloadOf(delivery),
  }),
);
