/**
 * Reaction: a tapback, custom emoji or sticker on a message (v3: on one part of it).
 *
 * Reactions are read through their message (both dialects embed them), so a Reaction loads its
 * message through the Message loader: reactions of a message already loaded cost no call.
 * v2 ids carry the upstream reaction id; v3 reactions have none upstream, so their id is the
 * stable tuple (message, part, reacting handle, type, custom emoji) – see keys.ts.
 */
import type { GatewayContext } from '../../context.js';
import type { Reaction, Sticker } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { notFoundError } from '../errors.js';
import { decodeNodeId } from '../relay/global-id.js';
import { fromHandle, HandleRef, type HandleSource } from './handle.js';
import { messageKey, parseReactionKey, reactionKey, type ReactionKey } from '../loading/keys.js';
import { loadEach, LOADER_OPTIONS } from '../loading/load.js';
import { MessageRef } from './message.js';
import { syncNodeId } from '../relay/sync-node-id.js';
import { nullableDateTime as dateTime } from './scalars.js';

/** A reaction as the schema sees it: always with the chat it lives in. */
export type ReactionSource = Reaction & { chatId: string };

const matches = (k: ReactionKey, r: Reaction) =>
  k.dialect === 'v2'
    ? r.id === k.id
    : r.partIndex === k.partIndex &&
      r.handle?.id === k.handleId &&
      r.type === k.type &&
      (r.customEmoji ?? null) === k.customEmoji;

async function loadReaction(ctx: GatewayContext, key: string): Promise<ReactionSource> {
  const k = parseReactionKey(ctx.dialect, key);
  if (!k) throw notFoundError('Reaction not found');
  const message = await MessageRef.getDataloader(ctx).load(
    messageKey({ chatId: k.chatId, id: k.messageId }),
  );
  const found = message.reactions.find((r) => matches(k, r));
  if (!found) throw notFoundError('Reaction not found on its message');
  return { ...found, chatId: k.chatId };
}

export const ReactionRef = builder.loadableNodeRef('Reaction', {
  id: syncNodeId('Reaction', (r: ReactionSource, ctx) => reactionKey(ctx.dialect, r, r.chatId)),
  load: (keys: string[], ctx: GatewayContext) => loadEach(keys, (k) => loadReaction(ctx, k)),
  loaderOptions: LOADER_OPTIONS,
});

export const ReactionTypeEnum = builder.enumType('ReactionType', {
  description: 'Kind of reaction. CUSTOM and STICKER exist on v3 only.',
  values: {
    LOVE: { description: 'Heart.' },
    LIKE: { description: 'Thumbs up.' },
    DISLIKE: { description: 'Thumbs down.' },
    LAUGH: { description: 'Ha ha.' },
    EMPHASIZE: { description: 'Exclamation marks.' },
    QUESTION: { description: 'Question mark.' },
    CUSTOM: { description: 'Any emoji, see customEmoji (v3).' },
    STICKER: { description: 'A sticker, see sticker (v3).' },
  } as const,
});

const StickerRef = builder.objectRef<Sticker>('Sticker').implement({
  description: 'A sticker placed on a message (v3 only).',
  fields: (t) => ({
    url: t.field({ type: 'URL', nullable: true, description: 'Image URL.', resolve: (s) => s.url }),
    mimeType: t.string({ nullable: true, description: 'MIME type.', resolve: (s) => s.mimeType }),
    width: t.int({ nullable: true, description: 'Width in pixels.', resolve: (s) => s.width }),
    height: t.int({ nullable: true, description: 'Height in pixels.', resolve: (s) => s.height }),
    fileName: t.string({ nullable: true, description: 'File name.', resolve: (s) => s.fileName }),
  }),
});

function reactor(r: ReactionSource): HandleSource | null {
  if (r.handle) return fromHandle(r.handle);
  if (r.senderAddress === null) return null;
  return { handle: null, address: r.senderAddress, chatId: r.chatId, handleId: null };
}

ReactionRef.implement({
  description: 'A reaction to a message.',
  fields: (t) => ({
    type: t.expose('type', {
      type: ReactionTypeEnum,
      description: 'Kind of reaction.',
    }),
    customEmoji: t.exposeString('customEmoji', {
      nullable: true,
      description: 'The emoji of a CUSTOM reaction.',
    }),
    sticker: t.expose('sticker', {
      type: StickerRef,
      nullable: true,
      description: 'The sticker of a STICKER reaction.',
    }),
    partIndex: t.exposeInt('partIndex', {
      nullable: true,
      description: 'The message part reacted to (v3); null on v2, where reactions are per message.',
    }),
    handle: t.field({
      type: HandleRef,
      nullable: true,
      description: 'Who reacted.',
      resolve: (r) => reactor(r),
    }),
    isFromMe: t.exposeBoolean('isFromMe', {
      nullable: true,
      description: 'True when the account reacted.',
    }),
    message: t.field({
      type: MessageRef,
      description: 'The message reacted to.',
      resolve: (r) => messageKey({ chatId: r.chatId, id: r.messageId }),
    }),
    sentAt: t.expose('sentAt', dateTime('When the reaction was sent (v2 only).')),
    createdAt: t.expose('createdAt', dateTime('When Linq recorded it (v2 only).')),
    updatedAt: t.expose('updatedAt', dateTime('When Linq last changed it (v2 only).')),
  }),
});

builder.queryField('reaction', (t) =>
  t.field({
    type: ReactionRef,
    nullable: true,
    description: 'A reaction by its id.',
    args: { id: t.arg.id({ required: true, description: 'A Reaction id.' }) },
    resolve: (_root, args, ctx) => decodeNodeId(ctx.dialect, args.id, 'Reaction').id,
  }),
);
