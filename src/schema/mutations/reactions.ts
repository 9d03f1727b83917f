/**
 * Mutation.addReaction and Mutation.removeReaction (why two mutations: see index.ts).
 *
 * Reactions are never retried by the gateway (Linq has no idempotency for them). The payload's
 * `updatedMessage` is read again after the change (one call, only when selected), so its
 * reactions are current. v2 returns the new reaction; v3 accepts reactions without returning
 * one, so the reaction is looked up on the re-read message (yours, same type, emoji and part).
 */
import type { GatewayContext } from '../../context.js';
import type { Reaction, ReactionType } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { MessageRef } from '../types/message.js';
import { ReactionRef, ReactionTypeEnum, type ReactionSource } from '../types/reaction.js';
import {
  CLIENT_MUTATION_ID,
  messageOf,
  mutate,
  partIndexOf,
  resultOptions,
  type MessageTarget,
  type MutationPayload,
} from './common.js';

interface ReactionPayload extends MutationPayload {
  target: MessageTarget;
  /** Only for addReaction. */
  reaction: (() => Promise<ReactionSource | null>) | null;
}

interface ReactArgs {
  clientMutationId?: string | null;
  messageId: string | number;
  type: ReactionType;
  customEmoji?: string | null;
  partIndex?: number | null;
}

const reactionInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      clientMutationId: t.string({ description: CLIENT_MUTATION_ID }),
      messageId: t.id({ required: true, description: 'The Message reacted to.' }),
      type: t.field({ type: ReactionTypeEnum, required: true, description: 'Kind of reaction.' }),
      customEmoji: t.string({ description: 'The emoji of a CUSTOM reaction (v3 only).' }),
      partIndex: t.int({ description: 'The message part (v3 only); default: the first.' }),
    }),
  });

const AddReactionInput = reactionInput('AddReactionInput', 'A reaction to add to a message.');
const RemoveReactionInput = reactionInput(
  'RemoveReactionInput',
  'A reaction of yours to take back.',
);

const payloadType = (name: string, description: string, withReaction: boolean) =>
  builder.objectRef<ReactionPayload>(name).implement({
    description,
    fields: (t) => ({
      clientMutationId: t.string({
        nullable: true,
        description: 'The clientMutationId of the input.',
        resolve: (p) => p.clientMutationId,
      }),
      updatedMessage: t.field({
        type: MessageRef,
        description: 'The message, read again after the change.',
        resolve: (p) => p.target.key,
      }),
      ...(withReaction
        ? {
            reaction: t.field({
              type: ReactionRef,
              nullable: true,
              description: 'The reaction added; null when Linq has not recorded it yet.',
              resolve: (p) => p.reaction?.() ?? null,
            }),
          }
        : {}),
    }),
  });

const AddReactionPayload = payloadType('AddReactionPayload', 'The reaction added.', true);
const RemoveReactionPayload = payloadType(
  'RemoveReactionPayload',
  'The message without the reaction.',
  false,
);

const same = (r: Reaction, type: ReactionType, emoji: string | null, part: number | null) =>
  r.isFromMe === true &&
  r.type === type &&
  (r.customEmoji ?? null) === emoji &&
  (r.partIndex ?? 0) === (part ?? 0);

async function react(
  ctx: GatewayContext,
  input: ReactArgs,
  operation: 'ADD' | 'REMOVE',
): Promise<ReactionPayload> {
  const target = messageOf(ctx, String(input.messageId), 'messageId');
  const partIndex = partIndexOf(input.partIndex, 'partIndex');
  const customEmoji = input.customEmoji ?? null;
  const result = await ctx.linq.react(
    { id: target.id, chatId: target.chatId },
    { operation, type: input.type, customEmoji, partIndex },
  );
  const loader = MessageRef.getDataloader(ctx);
  loader.clear(target.key);
  const found = async (): Promise<ReactionSource | null> => {
    const returned = result.reaction;
    if (returned) return { ...returned, chatId: returned.chatId ?? target.chatId };
    const message = await loader.load(target.key);
    const r = message.reactions.find((x) => same(x, input.type, customEmoji, partIndex));
    return r ? { ...r, chatId: r.chatId ?? target.chatId } : null;
  };
  return {
    clientMutationId: input.clientMutationId ?? null,
    target,
    reaction: operation === 'ADD' ? found : null,
  };
}

builder.mutationFields((t) => ({
  addReaction: t.field({
    type: AddReactionPayload,
    description: 'Adds your reaction to a message (v3: to one part of it).',
    args: { input: t.arg({ type: AddReactionInput, required: true }) },
    errors: resultOptions('AddReaction'),
    resolve: (_root, { input }, ctx) => mutate(() => react(ctx, input, 'ADD')),
  }),
  removeReaction: t.field({
    type: RemoveReactionPayload,
    description: 'Takes back your reaction on a message.',
    args: { input: t.arg({ type: RemoveReactionInput, required: true }) },
    errors: resultOptions('RemoveReaction'),
    resolve: (_root, { input }, ctx) => mutate(() => react(ctx, input, 'REMOVE')),
  }),
}));
