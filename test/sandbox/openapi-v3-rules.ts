// v3 cases for rules the spec states in prose (parameter formats, ownership, part indexes,
// custom reactions, threads) and fault-injected generic errors (429, 5xx).
import { expect } from 'vitest';
import type { Case } from '../helpers/openapi-cases.js';
import { V3_ROUTES, type V3Ctx } from './openapi-v3-ctx.js';

const { CHATS, CHAT, SEND, GET, EDIT, REACT, THREAD } = V3_ROUTES;

type Part = {
  type: string;
  value?: string;
  reactions?: Array<{ type: string; is_me: boolean; custom_emoji?: string | null }> | null;
};
type Msg = { id: string; parts?: Part[] | null };

const getMessage = async (c: V3Ctx, id: string) =>
  (await c.get(GET, { path: { messageId: id } })) as Msg;

export const V3_RULE_CASES: Array<Case<V3Ctx>> = [
  {
    // The `from` parameter pattern is ^\+?[1-9]\d{1,14}$: the leading '+' is optional.
    name: '200 from without the + finds the same chats',
    route: CHATS,
    build: async (c) => {
      const ids = (b: unknown) => (b as { chats: Msg[] }).chats.map((x) => x.id);
      const withPlus = ids(await c.get(CHATS, { query: { from: c.from } }));
      return {
        query: { from: c.from.replace(/^\+/, '') },
        expect: 200,
        check: (r) => expect(ids(r.body)).toEqual(withPlus),
      };
    },
  },
  {
    name: '400 (code 1002) for a from that is not E.164',
    route: CHATS,
    build: () => ({
      query: { from: 'not-a-number' },
      expect: 400,
      invalidRequest: true,
      check: (r) => expect((r.body as { error: { code: number } }).error.code).toBe(1002),
    }),
  },
  {
    name: '403 when editing a message that was not sent by you',
    route: EDIT,
    build: (c) => ({
      path: { messageId: c.inboundMessageId },
      body: { text: 'mine now' },
      expect: 403,
    }),
  },
  {
    name: '400 when part_index points past the parts',
    route: EDIT,
    build: async (c) => ({
      path: { messageId: await c.sendText('one part') },
      body: { text: 'x', part_index: 5 },
      expect: 400,
    }),
  },
  {
    name: '202 custom reaction carries custom_emoji on the part',
    route: REACT,
    build: async (c) => {
      const id = await c.sendText('custom');
      return {
        path: { messageId: id },
        body: { operation: 'add', type: 'custom', custom_emoji: '🦄' },
        expect: 202,
        check: async () => {
          const reactions = (await getMessage(c, id)).parts?.[0]?.reactions ?? [];
          expect(reactions).toEqual([
            expect.objectContaining({ type: 'custom', custom_emoji: '🦄', is_me: true }),
          ]);
        },
      };
    },
  },
  {
    name: '400 for a custom reaction without custom_emoji',
    route: REACT,
    build: (c) => ({
      path: { messageId: c.messageId },
      body: { operation: 'add', type: 'custom' },
      expect: 400,
    }),
  },
  {
    name: "200 a reply appears in the originator's thread, after it",
    route: THREAD,
    build: async (c) => {
      const body = {
        message: {
          parts: [{ type: 'text', value: 'a reply' }],
          reply_to: { message_id: c.messageId },
        },
      };
      const reply = (await c.get(SEND, { path: { chatId: c.chatId }, body })) as { message: Msg };
      return {
        path: { messageId: c.messageId },
        query: { order: 'asc' },
        expect: 200,
        check: async (r) => {
          const ids = (r.body as { messages: Msg[] }).messages.map((m) => m.id);
          expect(ids[0]).toBe(c.messageId);
          expect(ids).toContain(reply.message.id);
          // Asked from the reply ("any message in the thread"), newest first: the same, reversed.
          const desc = (await c.get(THREAD, {
            path: { messageId: reply.message.id },
            query: { order: 'desc' },
          })) as { messages: Msg[] };
          expect(desc.messages.map((m) => m.id)).toEqual([...ids].reverse());
        },
      };
    },
  },

  {
    name: '400 when part_index points past the parts',
    route: REACT,
    build: async (c) => ({
      path: { messageId: await c.sendText('one part') },
      body: { operation: 'add', type: 'like', part_index: 9 },
      expect: 400,
    }),
  },

  {
    name: '400 (code 1003) for a malformed JSON body',
    route: SEND,
    build: (c) => ({
      path: { chatId: c.chatId },
      rawBody: '{"message": {"parts": [',
      expect: 400,
      invalidRequest: true,
      check: (r) => expect((r.body as { error: { code: number } }).error.code).toBe(1003),
    }),
  },
  {
    name: '401 (not 404) without credentials for an unknown chat',
    route: CHAT,
    build: () => ({
      path: { chatId: '00000000-0000-4000-8000-000000000000' },
      auth: 'none',
      expect: 401,
    }),
  },

  {
    name: '429 (fault) carries Retry-After',
    route: CHAT,
    build: (c) => ({
      path: { chatId: c.chatId },
      expect: 429,
      fault: { type: 'rate-limit', retryAfter: 7 },
      check: (r) => expect(r.headers['retry-after']).toBe('7'),
    }),
  },
  {
    name: '500 (fault) is a declared ErrorResponse',
    route: CHAT,
    build: (c) => ({
      path: { chatId: c.chatId },
      expect: 500,
      fault: { type: 'status', status: 500 },
    }),
  },
  {
    name: '503 (fault) is a generic ErrorResponse',
    route: CHAT,
    build: (c) => ({
      path: { chatId: c.chatId },
      expect: 503,
      fault: { type: 'status', status: 503 },
    }),
  },
];
