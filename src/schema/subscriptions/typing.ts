/** Subscription.typing: someone in a chat started or stopped typing. */
import { builder } from '../builder.js';
import { ChatRef } from '../types/chat.js';
import { CHAT_ID_ARG, payloadOf, subscribeToChat } from './common.js';

interface Typing {
  chatId: string;
  isTyping: boolean;
  occurredAt: string;
}

const TypingEventRef = builder.objectRef<Typing>('TypingEvent').implement({
  description: 'A typing indicator of the chat turned on or off.',
  fields: (t) => ({
    isTyping: t.boolean({
      description: 'True: someone started typing; false: they stopped.',
      resolve: (e) => e.isTyping,
    }),
    chat: t.field({ type: ChatRef, description: 'The chat.', resolve: (e) => e.chatId }),
    occurredAt: t.field({
      type: 'DateTime',
      description: 'When Linq reported it.',
      resolve: (e) => e.occurredAt,
    }),
  }),
});

builder.subscriptionField('typing', (t) =>
  t.field({
    type: TypingEventRef,
    description: 'Typing indicators of a chat (no upstream read per event).',
    args: { chatId: t.arg.id(CHAT_ID_ARG) },
    subscribe: (_root, args, ctx) =>
      subscribeToChat(ctx, String(args.chatId), ['typing'], async (event, chatId) => ({
        chatId,
        isTyping: event.isTyping,
        occurredAt: event.occurredAt,
      })),
    resolve: (delivery) => payloadOf(delivery),
  }),
);
