/**
 * Mutation.sendMessage: text, links and files (streamed uploads) to a chat.
 *
 * Safe retries: every send carries an idempotency key: the client's (`^[a-zA-Z0-9_-]+$`) or
 * one the gateway generates. The adapter retries a failed send with the same key, and a client
 * resending with the key it got back (or chose) gets the same message, never a second one.
 * Sends with files are not retried by the gateway (a stream cannot be replayed).
 *
 * The payload carries the message and its edge in the chat's default `messages` list, so Relay
 * clients can insert it. The edge's cursor costs one list call, made only when it is asked for.
 */
import type { FileUpload } from 'graphql-upload-minimal';
import type { GatewayContext } from '../../context.js';
import type { Message } from '../../upstream/model.js';
import { builder } from '../builder.js';
import { messageKey } from '../loading/keys.js';
import { MessageRef } from '../types/message.js';
import { MessageEffectTypeEnum } from '../types/message-status.js';
import {
  CLIENT_MUTATION_ID,
  chatIdOf,
  messageOf,
  mutate,
  partIndexOf,
  resultOptions,
  type MutationPayload,
} from './common.js';
import { checkDeclaredUploads, deferredUploads } from './upload-sources.js';
import { arrivalCursor } from '../subscriptions/edge.js';
import { lazyEdge, MessageEdgeRef, type MessageEdgeShape } from './message-edge.js';

interface SendPayload extends MutationPayload {
  message: Message;
  idempotencyKey: string;
  replayed: boolean;
  edge: MessageEdgeShape;
}

const ReplyToInput = builder.inputType('ReplyToInput', {
  description: 'The message (and optionally its part) a new message replies to (v3 only).',
  fields: (t) => ({
    messageId: t.id({ required: true, description: 'A Message id of the same chat.' }),
    partIndex: t.int({ description: 'The part replied to; default: the whole message.' }),
  }),
});

const MessageEffectInput = builder.inputType('MessageEffectInput', {
  description: 'An iMessage effect for a new message (v3 only).',
  fields: (t) => ({
    type: t.field({
      type: MessageEffectTypeEnum,
      required: true,
      description: 'Screen or bubble.',
    }),
    name: t.string({ required: true, description: 'Effect name, e.g. confetti or slam.' }),
  }),
});

const SendMessageInput = builder.inputType('SendMessageInput', {
  description: 'A new message. It needs text or at least one attachment (v2: always text).',
  fields: (t) => ({
    clientMutationId: t.string({ description: CLIENT_MUTATION_ID }),
    chatId: t.id({ required: true, description: 'The Chat to send to.' }),
    text: t.string({ description: 'The text (at most 10,000 characters).' }),
    attachments: t.field({
      type: ['Upload'],
      description:
        'Files, sent as parts of a GraphQL multipart request (they stream to Linq as they ' +
        'arrive). Needs the CSRF header `x-graphql-yoga-csrf`. Limits: see the server README.',
    }),
    attachmentSizes: t.intList({
      description:
        'The byte size of each file in `attachments`, in the same order (File.size in ' +
        'browsers); optional. Each file must have exactly the size given. On v3, whose ' +
        'presigned upload needs the size first, declared sizes let files stream straight ' +
        'through; without them each file is first spooled to a temporary file and measured.',
    }),
    attachmentUrls: t.field({
      type: ['URL'],
      description: 'Files Linq fetches itself from public http(s) URLs.',
    }),
    idempotencyKey: t.string({
      description:
        'Letters, digits, `_` and `-`. Sending the same message again with the same key ' +
        'returns the first message instead of sending twice; the same key with a different ' +
        'message is a ConflictError (keys are remembered for IDEMPOTENCY_WINDOW_MS). ' +
        'Default: a key the gateway generates (returned in the payload).',
    }),
    replyTo: t.field({ type: ReplyToInput, description: 'Reply to a message (v3 only).' }),
    effect: t.field({ type: MessageEffectInput, description: 'An iMessage effect (v3 only).' }),
  }),
});

const SendMessagePayload = builder.objectRef<SendPayload>('SendMessagePayload').implement({
  description: 'The message sent (or, for a repeated idempotency key, the one sent before).',
  fields: (t) => ({
    clientMutationId: t.string({
      nullable: true,
      description: 'The clientMutationId of the input.',
      resolve: (p) => p.clientMutationId,
    }),
    sentMessage: t.field({
      type: MessageRef,
      description: 'The message.',
      resolve: (p) => p.message,
    }),
    messageEdge: t.field({
      type: MessageEdgeRef,
      description: 'The message as an edge of its chat’s messages (for Relay’s @appendEdge).',
      resolve: (p) => p.edge,
    }),
    idempotencyKey: t.string({
      description: 'The key of this send; resend with it to retry safely.',
      resolve: (p) => p.idempotencyKey,
    }),
    replayed: t.boolean({
      description:
        'True when this key had already sent this message, which is returned again instead ' +
        'of being sent twice (known from Linq on v2 and from the gateway’s memory of keys on ' +
        'both dialects; false when a first send under the key ended without an answer).',
      resolve: (p) => p.replayed,
    }),
  }),
});

interface SendArgs {
  clientMutationId?: string | null;
  chatId: string | number;
  text?: string | null;
  attachments?: Promise<FileUpload>[] | null;
  attachmentSizes?: number[] | null;
  attachmentUrls?: URL[] | null;
  idempotencyKey?: string | null;
  replyTo?: { messageId: string | number; partIndex?: number | null } | null;
  effect?: { type: 'SCREEN' | 'BUBBLE'; name: string } | null;
}

async function sendMessage(ctx: GatewayContext, input: SendArgs): Promise<SendPayload> {
  const chatId = chatIdOf(ctx, String(input.chatId), 'chatId');
  const files = input.attachments ?? [];
  const sizes = input.attachmentSizes ?? null;
  checkDeclaredUploads(files.length, sizes, ctx.uploadLimits);
  const replyTo = input.replyTo
    ? {
        messageId: messageOf(ctx, String(input.replyTo.messageId), 'replyTo.messageId').id,
        partIndex: partIndexOf(input.replyTo.partIndex, 'replyTo.partIndex'),
      }
    : null;
  const result = await ctx.linq.sendMessage({
    chatId,
    text: input.text ?? null,
    attachments: deferredUploads(files, sizes, ctx.uploadLimits),
    attachmentUrls: (input.attachmentUrls ?? []).map(String),
    idempotencyKey: input.idempotencyKey ?? null,
    replyTo,
    effect: input.effect ?? null,
  });
  const { message } = result;
  const key = messageKey(message);
  MessageRef.getDataloader(ctx).clear(key).prime(key, message);
  return {
    clientMutationId: input.clientMutationId ?? null,
    message,
    idempotencyKey: result.idempotencyKey,
    replayed: result.replayed,
    edge: lazyEdge(message, () => arrivalCursor(ctx, message)),
  };
}

builder.mutationField('sendMessage', (t) =>
  t.field({
    type: SendMessagePayload,
    description:
      'Sends a message to a chat. Retrying with the same idempotencyKey never sends twice.',
    args: { input: t.arg({ type: SendMessageInput, required: true }) },
    errors: resultOptions('SendMessage'),
    resolve: (_root, { input }, ctx) => mutate(() => sendMessage(ctx, input)),
  }),
);
