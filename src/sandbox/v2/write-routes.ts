/** v2 writes: send (multipart; 201, or 200 on a repeated idempotency key), edit, delete, react. */
import { addReaction, createMessage, removeReaction, textPart, urlAttachment } from '../compose.js';
import { forbidden, messageNotFound, notFound, unprocessable } from '../http/errors.js';
import { nowIso, ok, readObject, type Ctx, type RouteDef } from '../http/http.js';
import { readSendForm } from '../http/multipart.js';
import type { AttachmentRec, PartRec, ReactionKind } from '../records.js';
import { messageV2, reactionV2 } from './render.js';
import { plainText } from '../store.js';
import { requireChatV2, requireMessageV2 } from './read-routes.js';

const KEY = /^[a-zA-Z0-9_-]+$/;
const TAPBACKS = new Set(['love', 'like', 'dislike', 'laugh', 'emphasize', 'question']);

async function sendMessage(ctx: Ctx) {
  const chat = requireChatV2(ctx);
  const form = await readSendForm(ctx);
  if (form.misfits.length > 0) throw unprocessable(form.misfits.join('; '));
  if (form.text === undefined || form.text.trim() === '') {
    throw unprocessable("message[text] can't be blank");
  }
  if (form.idempotencyKey !== undefined && !KEY.test(form.idempotencyKey)) {
    throw unprocessable('message[idempotency_key] may only contain letters, digits, - and _');
  }
  for (const url of form.attachmentUrls) {
    if (!/^https?:\/\/\S+$/.test(url)) {
      throw unprocessable(`Invalid attachment URL: ${url.slice(0, 200)}`);
    }
  }
  const key = form.idempotencyKey;
  const previous = key ? chat.idempotency.get(key) : undefined;
  if (previous) return ok({ data: messageV2(previous.message) }, 200);

  const rng = ctx.store.rng;
  const media: PartRec[] = form.files.map((file) => {
    const uuid = rng.uuid();
    const attachment: AttachmentRec = {
      uuid,
      accountId: chat.accountId,
      filename: file.filename,
      contentType: file.mimeType,
      sizeBytes: file.size,
      status: 'complete',
      createdAt: nowIso(),
      url: `${ctx.baseUrl}/cdn/attachments/${uuid}/${encodeURIComponent(file.filename)}`,
      uploadSecret: rng.hex(32),
      receivedBytes: file.size,
      sha256: file.sha256,
    };
    ctx.store.attachments.set(uuid, attachment);
    return { type: 'media', attachment, reactions: [] };
  });
  for (const url of form.attachmentUrls) {
    media.push({ type: 'media', attachment: urlAttachment(ctx.store, chat, url), reactions: [] });
  }
  const message = createMessage(ctx.store, chat, {
    parts: [textPart(form.text), ...media],
    idempotencyKey: key ?? null,
  });
  if (key) chat.idempotency.set(key, { message, v3Body: null });
  ctx.store.emit({ kind: 'message.sent', message });
  return ok({ data: messageV2(message) }, 201);
}

async function editMessage(ctx: Ctx) {
  const message = requireMessageV2(ctx, requireChatV2(ctx));
  const body = await readObject(ctx);
  if (typeof body.text !== 'string' || body.text.trim() === '') {
    throw unprocessable("text can't be blank");
  }
  if (!message.isFromMe) throw forbidden('Only messages sent by you can be edited');
  const first = message.parts.find((p) => p.type === 'text');
  if (first && first.type === 'text') {
    first.value = body.text;
    first.decorations = [];
  } else {
    message.parts.unshift(textPart(body.text));
  }
  message.editedAt = message.updatedAt = nowIso();
  const partIndex = message.parts.findIndex((p) => p.type === 'text');
  ctx.store.emit({ kind: 'message.edited', message, partIndex });
  return ok({
    message: 'Message updated successfully',
    data: { id: message.v2Id, text: plainText(message.parts) },
  });
}

function deleteMessage(ctx: Ctx) {
  const message = requireMessageV2(ctx, requireChatV2(ctx));
  ctx.store.removeMessage(message);
  ctx.store.emit({ kind: 'message.deleted', message, at: nowIso() });
  return ok({ message: 'Message deleted successfully' });
}

async function react(ctx: Ctx) {
  const message = ctx.store.messageV2(ctx.account, ctx.params.chat_message_id);
  if (!message) throw messageNotFound();
  const body = await readObject(ctx);
  if (typeof body.type !== 'string' || !TAPBACKS.has(body.type)) {
    throw unprocessable(`type must be one of ${[...TAPBACKS].join(', ')}`);
  }
  if (body.operation !== 'add' && body.operation !== 'remove') {
    throw unprocessable("operation must be 'add' or 'remove'");
  }
  const spec = { partIndex: 0, type: body.type as ReactionKind, customEmoji: null };
  if (body.operation === 'add') {
    const before = message.parts[0]?.reactions.length ?? 0;
    const reaction = addReaction(ctx.store, message, spec);
    if ((message.parts[0]?.reactions.length ?? 0) > before) {
      ctx.store.emit({ kind: 'reaction.added', reaction, at: nowIso() });
    }
    return ok({ data: reactionV2(reaction) }, 201);
  }
  const removed = removeReaction(ctx.store, message, spec);
  if (!removed) throw notFound('Reaction not found');
  ctx.store.emit({ kind: 'reaction.removed', reaction: removed, at: nowIso() });
  return ok({ data: reactionV2(removed) }, 201);
}

export const v2WriteRoutes: RouteDef[] = [
  {
    method: 'POST',
    template: '/api/partner/v2/chats/{chat_id}/chat_messages',
    handler: sendMessage,
  },
  {
    method: 'DELETE',
    template: '/api/partner/v2/chats/{chat_id}/chat_messages/{id}',
    handler: deleteMessage,
  },
  {
    method: 'POST',
    template: '/api/partner/v2/chats/{chat_id}/chat_messages/{id}/edit',
    handler: editMessage,
  },
  {
    method: 'POST',
    template: '/api/partner/v2/chat_messages/{chat_message_id}/reactions',
    handler: react,
  },
].map((r) => ({ ...r, prefix: '', dialect: 'v2' as const }));
