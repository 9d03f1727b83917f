/** Message: one message of a chat. Loaded per id; listed messages are found in their pages. */
import type { GatewayContext } from '../../context.js';
import type { Message } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { ChatRef } from './chat.js';
import { ServiceEnum } from './enums.js';
import { notFoundError } from '../errors.js';
import { decodeNodeId } from '../relay/global-id.js';
import { HandleRef, type HandleSource } from './handle.js';
import { messageKey, parseMessageKey } from '../loading/keys.js';
import { loadEach, LOADER_OPTIONS } from '../loading/load.js';
import { listedChat, listedMessage } from '../loading/listed.js';
import { OBJECTS_ONLY } from '../loading/objects-only.js';
import { AttachmentRef, MessagePartUnion } from './message-part.js';
import { MessageEffectRef, MessageStatusEnum } from './message-status.js';
import { isOwnAddress } from './own-numbers.js';
import { nullableDateTime as dateTime } from './scalars.js';
import { ReactionRef, type ReactionSource } from './reaction.js';
import { syncNodeId } from '../relay/sync-node-id.js';

async function loadMessage(ctx: GatewayContext, key: string): Promise<Message> {
  const listed = listedMessage(ctx, key);
  if (listed) return listed;
  const ref = parseMessageKey(ctx.dialect, key);
  if (!ref) throw notFoundError('Message not found');
  const message = await ctx.linq.getMessage(ref);
  // v3 reads messages by id alone: make sure it is the chat the id says.
  if (message.chatId !== ref.chatId) throw notFoundError('Message not found in its chat');
  return message;
}

/**
 * A message's reactions, each knowing its chat (what ReactionRef resolves). The mappers set it;
 * a copy is made only when one lacks it.
 */
function reactionsOf(m: Message): ReactionSource[] {
  for (const r of m.reactions) {
    if (r.chatId === null) return m.reactions.map((x) => ({ ...x, chatId: x.chatId ?? m.chatId }));
  }
  return m.reactions as ReactionSource[];
}

export const MessageRef = builder.loadableNodeRef('Message', {
  id: syncNodeId('Message', (message: Message) => messageKey(message)),
  load: (keys: string[], ctx: GatewayContext) => loadEach(keys, (k) => loadMessage(ctx, k)),
  // No `cacheResolved`: listed messages are found by the batch function in their pages
  // (loading/listed.ts) rather than primed one by one.
  loaderOptions: LOADER_OPTIONS,
});

function sender(m: Message): HandleSource | null {
  const address = m.sender?.address ?? m.senderAddress;
  if (address === null) return null;
  return { handle: m.sender, address, chatId: m.chatId, handleId: m.senderHandleId };
}

MessageRef.implement({
  description: 'A message in a chat.',
  fields: (t) => ({
    chat: t.field({
      type: ChatRef,
      description: 'The chat the message belongs to.',
      resolve: (m, _args, ctx) => listedChat(ctx, m.chatId) ?? m.chatId,
    }),
    text: t.exposeString('text', {
      nullable: true,
      description: 'The text parts joined with a newline; null when there is no text.',
    }),
    parts: t.expose('parts', {
      type: [MessagePartUnion],
      description: 'The content in order. On v2: the text, then one part per attachment.',
    }),
    attachments: t.expose('attachments', {
      type: [AttachmentRef],
      description: 'The files of all media parts, in part order.',
    }),
    sender: t.field({
      type: HandleRef,
      nullable: true,
      description: 'Who sent the message (for your own messages, your handle).',
      resolve: (m) => sender(m),
    }),
    isFromMe: t.boolean({
      nullable: true,
      description:
        'True when the account sent it. v3 reports it; on v2 it is computed by comparing the ' +
        'sender with the account’s phone numbers (read once per request).',
      resolve: async (m, _args, ctx) => m.isFromMe ?? (await isOwnAddress(ctx, m.senderAddress)),
    }),
    status: t.expose('status', {
      type: MessageStatusEnum,
      nullable: true,
      description: 'Delivery status, normalised over both API versions.',
    }),
    sentAt: t.expose('sentAt', dateTime('When it was sent.')),
    deliveredAt: t.expose('deliveredAt', dateTime('When it was delivered.')),
    readAt: t.expose('readAt', dateTime('When it was read (v3 only).')),
    editedAt: t.expose(
      'editedAt',
      dateTime(
        'When it was last edited. v3 reports no edit time on reads: there it is set on ' +
          'editMessage’s result and on messageUpdated EDITED events, null when read later.',
      ),
    ),
    createdAt: t.expose('createdAt', dateTime('When Linq recorded it (v3 only).')),
    updatedAt: t.expose('updatedAt', dateTime('When Linq last changed it (v3 only).')),
    replyTo: t.field({
      type: MessageRef,
      nullable: true,
      description: 'The message this one replies to (v3 only; replies stay in their chat).',
      resolve: (m) =>
        m.replyTo ? messageKey({ chatId: m.chatId, id: m.replyTo.messageId }) : null,
    }),
    replyToPartIndex: t.int({
      nullable: true,
      description: 'The part of `replyTo` this message replies to, when it names one.',
      resolve: (m) => m.replyTo?.partIndex ?? null,
    }),
    effect: t.expose('effect', {
      type: MessageEffectRef,
      nullable: true,
      description: 'The iMessage screen or bubble effect (v3 only).',
    }),
    service: t.expose('service', {
      type: ServiceEnum,
      nullable: true,
      description: 'The service the message went over (v3 only).',
    }),
    reactions: t.field({
      type: [ReactionRef],
      description: 'Reactions on any part of the message.',
      extensions: OBJECTS_ONLY,
      resolve: reactionsOf,
    }),
  }),
});

builder.queryField('message', (t) =>
  t.field({
    type: MessageRef,
    nullable: true,
    description: 'A message by its id.',
    args: { id: t.arg.id({ required: true, description: 'A Message id.' }) },
    resolve: (_root, args, ctx) => decodeNodeId(ctx.dialect, args.id, 'Message').id,
  }),
);
