/**
 * Subscription.reactionChanged: reactions added to or removed from a chat's messages. The
 * message is read again for each event (its `reactions` are current); `reaction` is the
 * reaction found on it (null once removed, or when Linq does not show it).
 */
import type { Message, ReactionType } from '../../upstream/model.js';
import type { ReactionChangedEvent } from '../../realtime/webhooks/index.js';
import { builder } from '../builder.js';
import { ChatRef } from '../types/chat.js';
import { messageKey } from '../loading/keys.js';
import { MessageRef } from '../types/message.js';
import { ReactionRef, ReactionTypeEnum, type ReactionSource } from '../types/reaction.js';
import { CHAT_ID_ARG, payloadOf, subscribeToChat } from './common.js';

interface ReactionChange {
  chatId: string;
  message: Message;
  action: 'ADDED' | 'REMOVED';
  reactionType: ReactionType | null;
  customEmoji: string | null;
  partIndex: number | null;
  isFromMe: boolean | null;
  reaction: ReactionSource | null;
  occurredAt: string;
}

const ReactionActionEnum = builder.enumType('ReactionAction', {
  description: 'Whether a reaction was added or removed.',
  values: {
    ADDED: { description: 'Added.' },
    REMOVED: { description: 'Removed (v3 only).' },
  } as const,
});

function findReaction(message: Message, e: ReactionChangedEvent): ReactionSource | null {
  if (e.action !== 'ADDED') return null;
  const found = message.reactions.find((r) =>
    e.reactionId !== null
      ? r.id === e.reactionId
      : r.type === e.reactionType &&
        (r.customEmoji ?? null) === e.customEmoji &&
        (e.partIndex === null || r.partIndex === e.partIndex) &&
        (e.isFromMe === null || r.isFromMe === null || r.isFromMe === e.isFromMe),
  );
  return found ? { ...found, chatId: found.chatId ?? message.chatId } : null;
}

const ReactionChangedEventRef = builder
  .objectRef<ReactionChange>('ReactionChangedEvent')
  .implement({
    description: 'A reaction was added to or removed from a message of the chat.',
    fields: (t) => ({
      action: t.field({
        type: ReactionActionEnum,
        description: 'Added or removed.',
        resolve: (c) => c.action,
      }),
      message: t.field({
        type: MessageRef,
        description: 'The message, read again after the change.',
        resolve: (c) => c.message,
      }),
      reaction: t.field({
        type: ReactionRef,
        nullable: true,
        description: 'The reaction as it is on the message now; null when it was removed.',
        resolve: (c) => c.reaction,
      }),
      reactionType: t.field({
        type: ReactionTypeEnum,
        nullable: true,
        description: 'Kind of reaction, as Linq reported it.',
        resolve: (c) => c.reactionType,
      }),
      customEmoji: t.string({
        nullable: true,
        description: 'The emoji of a CUSTOM reaction.',
        resolve: (c) => c.customEmoji,
      }),
      partIndex: t.int({
        nullable: true,
        description: 'The message part (v3); null on v2, where reactions are per message.',
        resolve: (c) => c.partIndex,
      }),
      isFromMe: t.boolean({
        nullable: true,
        description: 'True when the account reacted.',
        resolve: (c) => c.isFromMe,
      }),
      chat: t.field({ type: ChatRef, description: 'The chat.', resolve: (c) => c.chatId }),
      occurredAt: t.field({
        type: 'DateTime',
        description: 'When Linq reported the change.',
        resolve: (c) => c.occurredAt,
      }),
    }),
  });

builder.subscriptionField('reactionChanged', (t) =>
  t.field({
    type: ReactionChangedEventRef,
    description: 'Reactions added to or removed from a chat’s messages.',
    args: { chatId: t.arg.id(CHAT_ID_ARG) },
    subscribe: (_root, args, ctx) =>
      subscribeToChat(ctx, String(args.chatId), ['reactionChanged'], async (event, chatId) => {
        const key = messageKey({ chatId, id: event.messageId });
        const message = await MessageRef.getDataloader(ctx).load(key);
        return {
          chatId,
          message,
          action: event.action,
          reactionType: event.reactionType,
          customEmoji: event.customEmoji,
          partIndex: event.partIndex,
          isFromMe: event.isFromMe,
          reaction: findReaction(message, event),
          occurredAt: event.occurredAt,
        };
      }),
    resolve: (delivery) => payloadOf(delivery),
  }),
);
