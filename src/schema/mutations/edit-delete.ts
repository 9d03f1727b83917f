/**
 * Mutation.editMessage and Mutation.deleteMessage. Only the account's own messages can be
 * changed (Linq answers 403 otherwise: ForbiddenError). The request's Message loader is updated
 * so later fields of the same request see the change.
 */
import type { GatewayContext } from '../../context.js';
import type { Message } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { ChatRef } from '../types/chat.js';
import { encodeNodeId } from '../relay/global-id.js';
import { MessageRef } from '../types/message.js';
import { fieldError } from '../mutation-errors.js';
import {
  CLIENT_MUTATION_ID,
  messageOf,
  mutate,
  partIndexOf,
  resultOptions,
  type MutationPayload,
} from './common.js';

interface EditPayload extends MutationPayload {
  message: Message;
}

interface DeletePayload extends MutationPayload {
  deletedMessageId: string;
  chatId: string;
}

const EditMessageInput = builder.inputType('EditMessageInput', {
  description: 'New text for one of your messages.',
  fields: (t) => ({
    clientMutationId: t.string({ description: CLIENT_MUTATION_ID }),
    messageId: t.id({ required: true, description: 'The Message to edit.' }),
    text: t.string({ required: true, description: 'The new text.' }),
    partIndex: t.int({
      description: 'The text part to edit (v3 only); default: the first text part.',
    }),
  }),
});

const EditMessagePayload = builder.objectRef<EditPayload>('EditMessagePayload').implement({
  description: 'The edited message.',
  fields: (t) => ({
    clientMutationId: t.string({
      nullable: true,
      description: 'The clientMutationId of the input.',
      resolve: (p) => p.clientMutationId,
    }),
    updatedMessage: t.field({
      type: MessageRef,
      description: 'The message with its new text.',
      resolve: (p) => p.message,
    }),
  }),
});

const DeleteMessageInput = builder.inputType('DeleteMessageInput', {
  description: 'One of your messages to delete.',
  fields: (t) => ({
    clientMutationId: t.string({ description: CLIENT_MUTATION_ID }),
    messageId: t.id({ required: true, description: 'The Message to delete.' }),
  }),
});

const DeleteMessagePayload = builder.objectRef<DeletePayload>('DeleteMessagePayload').implement({
  description: 'What was deleted, so clients can drop it from their connections.',
  fields: (t) => ({
    clientMutationId: t.string({
      nullable: true,
      description: 'The clientMutationId of the input.',
      resolve: (p) => p.clientMutationId,
    }),
    deletedMessageId: t.id({
      description: 'The id of the deleted Message (for Relay’s @deleteEdge).',
      resolve: (p) => p.deletedMessageId,
    }),
    chat: t.field({
      type: ChatRef,
      description: 'The chat the message was in.',
      resolve: (p) => p.chatId,
    }),
  }),
});

interface EditArgs {
  clientMutationId?: string | null;
  messageId: string | number;
  text: string;
  partIndex?: number | null;
}

async function editMessage(ctx: GatewayContext, input: EditArgs): Promise<EditPayload> {
  const target = messageOf(ctx, String(input.messageId), 'messageId');
  if (input.text.trim() === '') throw fieldError('text', 'must not be empty');
  const partIndex = partIndexOf(input.partIndex, 'partIndex');
  const message = await ctx.linq.editMessage(
    { id: target.id, chatId: target.chatId },
    { text: input.text, partIndex },
  );
  MessageRef.getDataloader(ctx).clear(target.key).prime(target.key, message);
  return { clientMutationId: input.clientMutationId ?? null, message };
}

async function deleteMessage(
  ctx: GatewayContext,
  input: { clientMutationId?: string | null; messageId: string | number },
): Promise<DeletePayload> {
  const target = messageOf(ctx, String(input.messageId), 'messageId');
  await ctx.linq.deleteMessage({ id: target.id, chatId: target.chatId });
  MessageRef.getDataloader(ctx).clear(target.key);
  return {
    clientMutationId: input.clientMutationId ?? null,
    deletedMessageId: encodeNodeId(ctx.dialect, 'Message', target.key),
    chatId: target.chatId,
  };
}

builder.mutationFields((t) => ({
  editMessage: t.field({
    type: EditMessagePayload,
    description: 'Changes the text of one of your messages.',
    args: { input: t.arg({ type: EditMessageInput, required: true }) },
    errors: resultOptions('EditMessage'),
    resolve: (_root, { input }, ctx) => mutate(() => editMessage(ctx, input)),
  }),
  deleteMessage: t.field({
    type: DeleteMessagePayload,
    description: 'Deletes one of your messages.',
    args: { input: t.arg({ type: DeleteMessageInput, required: true }) },
    errors: resultOptions('DeleteMessage'),
    resolve: (_root, { input }, ctx) => mutate(() => deleteMessage(ctx, input)),
  }),
}));
