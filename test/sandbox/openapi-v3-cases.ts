// v3 contract cases: phone numbers, chats, messages list / send / get (openapi-v3.test.ts).
import { expect } from 'vitest';
import type { Case } from '../helpers/openapi-cases.js';
import {
  NO_SUCH,
  text,
  unauthorized,
  walk,
  ids,
  inChat,
  V3_ROUTES,
  type V3Ctx,
  type Listed,
} from './openapi-v3-ctx.js';

const { CHATS, CHAT, LIST, SEND, GET, NUMBERS, NUMBERS_OLD } = V3_ROUTES;

export const V3_CASES: Array<Case<V3Ctx>> = [
  { name: '200 lists the account numbers', route: NUMBERS, build: () => ({ expect: 200 }) },
  ...unauthorized(NUMBERS, () => ({})),
  {
    name: '200 deprecated alias lists the account numbers',
    route: NUMBERS_OLD,
    build: () => ({ expect: 200 }),
  },
  ...unauthorized(NUMBERS_OLD, () => ({})),

  {
    name: '200 first page with a cursor',
    route: CHATS,
    build: (c) => ({
      query: { from: c.from, limit: 1 },
      expect: 200,
      check: (r) => expect((r.body as { chats: unknown[] }).chats).toHaveLength(1),
    }),
  },
  {
    name: '200 cursor pages cover every chat once and end with next_cursor null',
    route: CHATS,
    build: (c) => ({
      query: { from: c.from, limit: 100 },
      expect: 200,
      check: async (r) => {
        const all = ids((r.body as { chats: Listed[] }).chats);
        const paged = await walk(c, CHATS, { query: { from: c.from, limit: 3 } }, 'chats');
        expect(paged).toEqual(all);
      },
    }),
  },
  {
    name: '400 without the required from',
    route: CHATS,
    build: () => ({ expect: 400, invalidRequest: true }),
  },
  {
    name: '400 with limit above 100',
    route: CHATS,
    build: (c) => ({ query: { from: c.from, limit: 101 }, expect: 400, invalidRequest: true }),
  },
  ...unauthorized(CHATS, (c) => ({ query: { from: c.from } })),

  {
    name: '200 returns the chat',
    route: CHAT,
    build: (c) => ({ path: { chatId: c.chatId }, expect: 200 }),
  },
  {
    name: '404 for an unknown chat',
    route: CHAT,
    build: () => ({ path: { chatId: NO_SUCH }, expect: 404 }),
  },
  {
    name: "404 for another account's chat",
    route: CHAT,
    build: (c) => ({ path: { chatId: c.otherChatId }, expect: 404 }),
  },
  ...unauthorized(CHAT, (c) => ({ path: { chatId: c.chatId } })),

  {
    name: '200 lists messages',
    route: LIST,
    build: (c) => ({ path: { chatId: c.chatId }, query: { limit: 2 }, expect: 200 }),
  },
  {
    name: '200 honours limit and pages with next_cursor',
    route: LIST,
    build: (c) => ({
      path: { chatId: c.chatId },
      query: { limit: 100 },
      expect: 200,
      check: async (r) => {
        const all = ids((r.body as { messages: Listed[] }).messages);
        const paged = await walk(
          c,
          LIST,
          { path: { chatId: c.chatId }, query: { limit: 4 } },
          'messages',
        );
        expect(paged).toEqual(all);
      },
    }),
  },
  {
    name: '404 for an unknown chat',
    route: LIST,
    build: () => ({ path: { chatId: NO_SUCH }, expect: 404 }),
  },
  {
    name: '400 with limit 0',
    route: LIST,
    build: (c) => ({
      path: { chatId: c.chatId },
      query: { limit: 0 },
      expect: 400,
      invalidRequest: true,
    }),
  },
  ...unauthorized(LIST, (c) => ({ path: { chatId: c.chatId } })),

  {
    name: '202 sends a text',
    route: SEND,
    build: (c) => ({ path: { chatId: c.chatId }, body: text('hello'), expect: 202 }),
  },
  {
    name: '202 sends text + media by URL with an effect and a reply',
    route: SEND,
    build: (c) => ({
      ...inChat(c, {
        parts: [
          { type: 'text', value: 'look' },
          { type: 'media', url: 'https://example.com/cat.png' },
        ],
        effect: { screen_effect: 'confetti' },
        reply_to: { message_id: c.messageId },
        idempotency_key: 'contract-1',
      }),
      expect: 202,
    }),
  },
  {
    name: '400 with no parts',
    route: SEND,
    build: (c) => ({
      path: { chatId: c.chatId },
      body: { message: { parts: [] } },
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: '400 with an empty text part',
    route: SEND,
    build: (c) => ({
      path: { chatId: c.chatId },
      body: text(''),
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: '400 with a plain-http media URL',
    route: SEND,
    build: (c) => ({
      path: { chatId: c.chatId },
      expect: 400,
      invalidRequest: true,
      body: { message: { parts: [{ type: 'media', url: 'http://example.com/a.png' }] } },
    }),
  },
  {
    name: '404 for an unknown chat',
    route: SEND,
    build: () => ({ path: { chatId: NO_SUCH }, body: text('x'), expect: 404 }),
  },
  ...unauthorized(SEND, (c) => ({ path: { chatId: c.chatId }, body: text('x') })),

  {
    name: '200 returns the message',
    route: GET,
    build: (c) => ({ path: { messageId: c.messageId }, expect: 200 }),
  },
  {
    name: '404 for an unknown message',
    route: GET,
    build: () => ({ path: { messageId: NO_SUCH }, expect: 404 }),
  },
  {
    name: "404 for another account's message",
    route: GET,
    build: (c) => ({ path: { messageId: c.otherMessageId }, expect: 404 }),
  },
  ...unauthorized(GET, (c) => ({ path: { messageId: c.messageId } })),
];
