/** v2 read operations: phone numbers, chats, chat messages, reactions (page-based). */
import { badRequest, chatNotFound, messageNotFound, notFound } from '../http/errors.js';
import { intParam, ok, type Ctx, type RouteDef } from '../http/http.js';
import { offsetPage } from '../http/paging.js';
import type { ChatRec, MessageRec } from '../records.js';
import { chatV2, messageV2, phoneV2, reactionV2, visibleInV2 } from './render.js';

/** '+12025550101', '12025550101', '2025550101', '(202) 555-0101' → '+12025550101'. */
export function normaliseUsPhone(raw: string): string | null {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^\d{10}$/.test(digits)) return `+1${digits}`;
  if (/^1\d{10}$/.test(digits)) return `+${digits}`;
  return null;
}

export function requireChatV2(ctx: Ctx): ChatRec {
  const chat = ctx.store.chatV2(ctx.account, ctx.params.chat_id);
  if (!chat) throw chatNotFound();
  return chat;
}

/** A message of the chat in the path (404 when it belongs to another chat). */
export function requireMessageV2(ctx: Ctx, chat: ChatRec): MessageRec {
  const message = ctx.store.messageV2(ctx.account, ctx.params.id);
  if (!message || message.chat !== chat) throw messageNotFound();
  return message;
}

function timeParam(ctx: Ctx, name: string): number | null {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return null;
  const ms = Date.parse(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
    throw badRequest(`${name} must be an ISO 8601 timestamp`);
  }
  return ms;
}

function listChats(ctx: Ctx) {
  const raw = ctx.query.get('phone_number');
  if (raw === null || raw.trim() === '') throw badRequest('phone_number is required', 1001);
  const phone = normaliseUsPhone(raw);
  if (!phone) throw badRequest('phone_number is not a valid phone number', 1002);
  const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
  const perPage = intParam(ctx.query, 'per_page', 25, 1, 100);
  const chats = ctx.store.chatsOf(ctx.account, phone).sort((a, b) => b.v2Id - a.v2Id);
  const { data, meta } = offsetPage(chats, page, perPage);
  return ok({ data: data.map(chatV2), meta });
}

function listMessages(ctx: Ctx) {
  const chat = requireChatV2(ctx);
  const page = intParam(ctx.query, 'page', 1, 1, 1_000_000);
  const perPage = intParam(ctx.query, 'per_page', 25, 1, 100);
  const before = timeParam(ctx, 'before');
  const after = timeParam(ctx, 'after');
  const sort = ctx.query.get('sort') ?? 'asc';
  if (sort !== 'asc' && sort !== 'desc') throw badRequest("sort must be 'asc' or 'desc'");
  let messages = chat.messages.filter((m) => {
    const t = Date.parse(m.sentAt);
    return (before === null || t < before) && (after === null || t > after);
  });
  if (sort === 'desc') messages = [...messages].reverse();
  const { data, meta } = offsetPage(messages, page, perPage);
  return ok({ data: data.map(messageV2), meta });
}

function getReaction(ctx: Ctx) {
  const reaction = ctx.store.reactionV2(ctx.account, ctx.params.reaction_id);
  if (!reaction || !visibleInV2(reaction)) throw notFound('Reaction not found');
  return ok({ data: reactionV2(reaction) });
}

export const v2ReadRoutes: RouteDef[] = [
  {
    method: 'GET',
    template: '/api/partner/v2/phone_numbers',
    handler: (ctx: Ctx) => ok({ phone_numbers: ctx.account.phoneNumbers.map(phoneV2) }),
  },
  { method: 'GET', template: '/api/partner/v2/chats', handler: listChats },
  {
    method: 'GET',
    template: '/api/partner/v2/chats/{chat_id}',
    handler: (ctx: Ctx) => ok({ data: chatV2(requireChatV2(ctx)) }),
  },
  {
    method: 'GET',
    template: '/api/partner/v2/chats/{chat_id}/chat_messages',
    handler: listMessages,
  },
  {
    method: 'GET',
    template: '/api/partner/v2/chats/{chat_id}/chat_messages/{id}',
    handler: (ctx: Ctx) => ok({ data: messageV2(requireMessageV2(ctx, requireChatV2(ctx))) }),
  },
  {
    method: 'GET',
    template: '/api/partner/v2/chat_message_reactions/{reaction_id}',
    handler: getReaction,
  },
].map((r) => ({ ...r, prefix: '', dialect: 'v2' as const }));
