/** v3 writes: send (202, idempotent by message.idempotency_key), edit, delete, react. */
import { addReaction, createMessage, removeReaction } from '../compose.js';
import {
  badRequest,
  forbidden,
  invalidBody,
  invalidContent,
  missingField,
} from '../http/errors.js';
import { isUuid, nowIso, ok, readJson, readObject, type Ctx, type RouteDef } from '../http/http.js';
import type { ReactionKind } from '../records.js';
import { messageV3, sentMessageV3 } from './render.js';
import { parseMessageContent } from './content.js';
import { requireChatV3, requireMessageV3 } from './read-routes.js';

const REACTION_TYPES = new Set([
  'love',
  'like',
  'dislike',
  'laugh',
  'emphasize',
  'question',
  'custom',
  'sticker',
]);

async function sendMessage(ctx: Ctx) {
  const chat = requireChatV3(ctx);
  const body = await readObject(ctx);
  const content = parseMessageContent(ctx, chat, body.message);
  const key = content.idempotencyKey;
  const previous = key ? chat.idempotency.get(key) : undefined;
  if (previous) {
    const replay = previous.v3Body ?? {
      chat_id: chat.uuid,
      message: sentMessageV3(previous.message, ctx.linkParts),
    };
    return ok(replay, 202);
  }
  const message = createMessage(ctx.store, chat, content);
  const response = { chat_id: chat.uuid, message: sentMessageV3(message, ctx.linkParts) };
  if (key) chat.idempotency.set(key, { message, v3Body: response });
  ctx.store.emit({ kind: 'message.sent', message });
  return ok(response, 202);
}

async function editMessage(ctx: Ctx) {
  const message = requireMessageV3(ctx);
  const body = await readObject(ctx);
  if (body.text === undefined) throw missingField('text');
  if (typeof body.text !== 'string' || body.text.length < 1 || body.text.length > 10_000) {
    throw invalidContent('text must be 1 to 10000 characters');
  }
  const partIndex = body.part_index ?? 0;
  if (!Number.isInteger(partIndex) || (partIndex as number) < 0) {
    throw badRequest('part_index must be a non-negative integer');
  }
  const part = message.parts[partIndex as number];
  if (!part || part.type !== 'text') throw badRequest('part_index does not point at a text part');
  if (!message.isFromMe) throw forbidden('Only messages sent by you can be edited');
  part.value = body.text;
  part.decorations = [];
  message.editedAt = message.updatedAt = nowIso();
  ctx.store.emit({ kind: 'message.edited', message, partIndex: partIndex as number });
  return ok(messageV3(message, ctx.linkParts));
}

async function deleteMessage(ctx: Ctx) {
  const message = requireMessageV3(ctx);
  const body = await readJson(ctx);
  if (body !== undefined) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidBody('Request body must be a JSON object');
    }
    const chatId = (body as Record<string, unknown>).chat_id;
    if (chatId !== undefined && (typeof chatId !== 'string' || !isUuid(chatId))) {
      throw badRequest('chat_id must be a UUID');
    }
    if (chatId !== undefined && chatId.toLowerCase() !== message.chat.uuid) {
      throw badRequest('chat_id does not match the message');
    }
  }
  ctx.store.removeMessage(message);
  ctx.store.emit({ kind: 'message.deleted', message, at: nowIso() });
  return { status: 204 };
}

async function react(ctx: Ctx) {
  const message = requireMessageV3(ctx);
  const body = await readObject(ctx);
  const { operation, type, custom_emoji } = body;
  if (operation === undefined) throw missingField('operation');
  if (operation !== 'add' && operation !== 'remove') {
    throw badRequest("operation must be 'add' or 'remove'");
  }
  if (type === undefined) throw missingField('type');
  if (typeof type !== 'string' || !REACTION_TYPES.has(type)) {
    throw badRequest(`type must be one of ${[...REACTION_TYPES].join(', ')}`);
  }
  if (type === 'sticker') throw badRequest('Sticker reactions cannot be sent through the API');
  if (type === 'custom' && (typeof custom_emoji !== 'string' || custom_emoji.trim() === '')) {
    throw missingField('custom_emoji');
  }
  if (custom_emoji !== undefined && typeof custom_emoji !== 'string') {
    throw badRequest('custom_emoji must be a string');
  }
  const partIndex = body.part_index ?? 0;
  if (!Number.isInteger(partIndex) || (partIndex as number) < 0) {
    throw badRequest('part_index must be a non-negative integer');
  }
  if ((partIndex as number) >= message.parts.length) throw badRequest('part_index is out of range');
  const spec = {
    partIndex: partIndex as number,
    type: type as ReactionKind,
    customEmoji: type === 'custom' ? (custom_emoji as string) : null,
  };
  const part = message.parts[spec.partIndex];
  const before = part?.reactions.length ?? 0;
  const changed =
    operation === 'add'
      ? addReaction(ctx.store, message, spec)
      : removeReaction(ctx.store, message, spec);
  if (changed && (part?.reactions.length ?? 0) !== before) {
    const kind = operation === 'add' ? 'reaction.added' : 'reaction.removed';
    ctx.store.emit({ kind, reaction: changed, at: nowIso() });
  }
  return ok({ status: 'accepted', trace_id: ctx.traceId, message: 'Reaction processed' }, 202);
}

export const v3WriteRoutes: RouteDef[] = [
  { method: 'POST', template: '/v3/chats/{chatId}/messages', handler: sendMessage },
  { method: 'PATCH', template: '/v3/messages/{messageId}', handler: editMessage },
  { method: 'DELETE', template: '/v3/messages/{messageId}', handler: deleteMessage },
  { method: 'POST', template: '/v3/messages/{messageId}/reactions', handler: react },
].map((r) => ({ ...r, prefix: '/api/partner', dialect: 'v3' as const }));
