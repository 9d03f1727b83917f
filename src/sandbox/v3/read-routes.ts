/** v3 read operations: phone numbers, chats, messages, threads. Newest first for messages. */
import { badRequest, chatNotFound, messageNotFound, missingField } from '../http/errors.js';
import { intParam, isUuid, ok, type Ctx, type RouteDef } from '../http/http.js';
import { keysetPage } from '../http/paging.js';
import type { ChatRec, MessageRec } from '../records.js';
import { chatV3, messageV3 } from './render.js';

const E164 = /^\+?[1-9]\d{1,14}$/;

export function requireChatV3(ctx: Ctx): ChatRec {
  const id = ctx.params.chatId;
  const chat = isUuid(id) ? ctx.store.chatV3(ctx.account, id) : null;
  if (!chat) throw chatNotFound();
  return chat;
}

export function requireMessageV3(ctx: Ctx): MessageRec {
  const id = ctx.params.messageId;
  const message = isUuid(id) ? ctx.store.messageV3(ctx.account, id) : null;
  if (!message) throw messageNotFound();
  return message;
}

const messageKey = (m: MessageRec) => ({ key: m.sentAt, id: m.v2Id });

function listPhoneNumbers(ctx: Ctx) {
  return ok({
    phone_numbers: ctx.account.phoneNumbers.map((p) => ({ id: p.uuid, phone_number: p.number })),
  });
}

function listChats(ctx: Ctx) {
  const raw = ctx.query.get('from');
  if (raw === null || raw.trim() === '') throw missingField('from');
  const from = raw.trim();
  if (!E164.test(from)) throw badRequest('Phone number must be in E.164 format', 1002);
  const owner = from.startsWith('+') ? from : `+${from}`;
  const limit = intParam(ctx.query, 'limit', 20, 1, 100);
  const chats = ctx.store
    .chatsOf(ctx.account, owner)
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.v2Id - a.v2Id : a.createdAt < b.createdAt ? 1 : -1,
    );
  const { page, nextCursor } = keysetPage(
    chats,
    (c) => ({ key: c.createdAt, id: c.v2Id }),
    'desc',
    ctx.query.get('cursor'),
    limit,
  );
  return ok({ chats: page.map(chatV3), next_cursor: nextCursor });
}

function listMessages(ctx: Ctx) {
  const chat = requireChatV3(ctx);
  const limit = intParam(ctx.query, 'limit', 50, 1, 100);
  const newestFirst = [...chat.messages].reverse();
  const { page, nextCursor } = keysetPage(
    newestFirst,
    messageKey,
    'desc',
    ctx.query.get('cursor'),
    limit,
  );
  return ok({ messages: page.map((m) => messageV3(m, ctx.linkParts)), next_cursor: nextCursor });
}

function getThread(ctx: Ctx) {
  const message = requireMessageV3(ctx);
  const limit = intParam(ctx.query, 'limit', 50, 1, 100);
  const order = ctx.query.get('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw badRequest("order must be 'asc' or 'desc'");
  const byId = new Map(message.chat.messages.map((m) => [m.uuid, m]));
  const rootOf = (m: MessageRec): MessageRec => {
    let current = m;
    for (let hops = 0; current.replyTo && hops < 1000; hops++) {
      const parent = byId.get(current.replyTo.messageId);
      if (!parent) break;
      current = parent;
    }
    return current;
  };
  const root = rootOf(message);
  const thread = message.chat.messages.filter((m) => rootOf(m) === root);
  if (order === 'desc') thread.reverse();
  const cursor = ctx.query.get('cursor');
  const { page, nextCursor } = keysetPage(thread, messageKey, order, cursor, limit);
  return ok({ messages: page.map((m) => messageV3(m, ctx.linkParts)), next_cursor: nextCursor });
}

export const v3ReadRoutes: RouteDef[] = [
  { method: 'GET', template: '/v3/phone_numbers', handler: listPhoneNumbers },
  { method: 'GET', template: '/v3/phonenumbers', handler: listPhoneNumbers },
  { method: 'GET', template: '/v3/chats', handler: listChats },
  {
    method: 'GET',
    template: '/v3/chats/{chatId}',
    handler: (ctx: Ctx) => ok(chatV3(requireChatV3(ctx))),
  },
  { method: 'GET', template: '/v3/chats/{chatId}/messages', handler: listMessages },
  {
    method: 'GET',
    template: '/v3/messages/{messageId}',
    handler: (ctx: Ctx) => ok(messageV3(requireMessageV3(ctx), ctx.linkParts)),
  },
  { method: 'GET', template: '/v3/messages/{messageId}/thread', handler: getThread },
].map((r) => ({ ...r, prefix: '/api/partner', dialect: 'v3' as const }));
