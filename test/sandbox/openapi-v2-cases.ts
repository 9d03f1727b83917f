// v2 contract cases: phone numbers, chats, message list (openapi-v2.test.ts).
import { expect } from 'vitest';
import type { Case } from '../helpers/openapi-cases.js';
import { NO_SUCH, unauthorized, V2_ROUTES, type V2Ctx } from './openapi-v2-ctx.js';

const { NUMBERS, CHATS, CHAT, LIST } = V2_ROUTES;

export const V2_CASES: Array<Case<V2Ctx>> = [
  { name: '200 lists the account numbers', route: NUMBERS, build: () => ({ expect: 200 }) },
  ...unauthorized(NUMBERS, () => ({})),

  {
    name: '200 first page',
    route: CHATS,
    build: (c) => ({
      query: { phone_number: c.phone, page: 1, per_page: 1 },
      expect: 200,
      check: (r) => expect((r.body as { data: unknown[] }).data).toHaveLength(1),
    }),
  },
  {
    name: '400 without the required phone_number',
    route: CHATS,
    build: () => ({ expect: 400, invalidRequest: true }),
  },
  {
    name: '400 with per_page above 100',
    route: CHATS,
    build: (c) => ({
      query: { phone_number: c.phone, per_page: 101 },
      expect: 400,
      invalidRequest: true,
    }),
  },
  ...unauthorized(CHATS, (c) => ({ query: { phone_number: c.phone } })),

  {
    name: '200 returns the chat',
    route: CHAT,
    build: (c) => ({ path: { chat_id: c.chatId }, expect: 200 }),
  },
  {
    name: '404 for an unknown chat',
    route: CHAT,
    build: () => ({ path: { chat_id: NO_SUCH }, expect: 404 }),
  },
  {
    name: "404 for another account's chat",
    route: CHAT,
    build: (c) => ({ path: { chat_id: c.otherChatId }, expect: 404 }),
  },
  ...unauthorized(CHAT, (c) => ({ path: { chat_id: c.chatId } })),

  {
    // "sort: default is chronological/ascending"; meta counts must agree with the chat.
    name: '200 default sort is ascending, desc reverses it, meta matches',
    route: LIST,
    build: (c) => ({
      path: { chat_id: c.chatId },
      query: { per_page: 100 },
      expect: 200,
      check: async (r) => {
        type Page = { data: Array<{ id: number; sent_at: string }>; meta: Record<string, number> };
        const asc = r.body as Page;
        const sent = asc.data.map((m) => m.sent_at);
        expect(sent).toEqual([...sent].sort());
        const desc = (await c.get(LIST, {
          path: { chat_id: c.chatId },
          query: { per_page: 100, sort: 'desc' },
        })) as Page;
        expect(desc.data.map((m) => m.id)).toEqual(asc.data.map((m) => m.id).reverse());
        const chat = (await c.get(CHAT, { path: { chat_id: c.chatId } })) as {
          data: { message_count: number };
        };
        expect(asc.meta).toEqual({
          page: 1,
          per_page: 100,
          total_pages: 1,
          total_count: chat.data.message_count,
        });
      },
    }),
  },
  {
    name: '200 lists messages newest first',
    route: LIST,
    build: (c) => ({
      path: { chat_id: c.chatId },
      query: { sort: 'desc', per_page: 2, page: 1 },
      expect: 200,
    }),
  },
  {
    name: '200 filters by time window',
    route: LIST,
    build: (c) => ({
      path: { chat_id: c.chatId },
      expect: 200,
      query: { after: '2000-01-01T00:00:00Z', before: '2100-01-01T00:00:00Z' },
    }),
  },
  {
    name: '404 for an unknown chat',
    route: LIST,
    build: () => ({ path: { chat_id: NO_SUCH }, expect: 404 }),
  },
  {
    name: '400 with an unknown sort',
    route: LIST,
    build: (c) => ({
      path: { chat_id: c.chatId },
      query: { sort: 'sideways' },
      expect: 400,
      invalidRequest: true,
    }),
  },
  ...unauthorized(LIST, (c) => ({ path: { chat_id: c.chatId } })),
];
