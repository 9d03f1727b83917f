// v2 cases beyond status + schema: what a call does (read back through other operations) and
// fault-injected generic errors (429, 5xx) in the v2 Error shape.
import { expect } from 'vitest';
import type { Case } from '../helpers/openapi-cases.js';
import { V2_ROUTES, type V2Ctx } from './openapi-v2-ctx.js';

const { CHATS, CHAT, LIST, SEND, GET, DEL, EDIT, REACT, REACTION } = V2_ROUTES;

type Attachment = { filename: string; mime_type: string; file_size: number; url: string };
type Message = {
  id: number;
  text: string;
  attachments: Attachment[];
  reactions: Array<{ id: number }>;
};

type Listed = { data: Array<{ id: number; sent_at: string }> };

type Page = { data: Array<{ id: number }>; meta: { page: number; total_pages: number } };

export const V2_EFFECT_CASES: Array<Case<V2Ctx>> = [
  {
    name: '200 pages 1..total_pages list every chat once',
    route: CHATS,
    build: (c) => ({
      query: { phone_number: c.phone, per_page: 100 },
      expect: 200,
      check: async (r) => {
        const all = (r.body as Page).data.map((x) => x.id);
        const paged: number[] = [];
        for (let page = 1, total = 1; page <= total; page++) {
          const body = (await c.get(CHATS, {
            query: { phone_number: c.phone, per_page: 3, page },
          })) as Page;
          expect(body.meta.page).toBe(page);
          total = body.meta.total_pages;
          paged.push(...body.data.map((x) => x.id));
        }
        expect(paged).toEqual(all);
      },
    }),
  },
  {
    name: '200 page 2 continues page 1; after/before filter by sent_at',
    route: LIST,
    build: async (c) => {
      const path = { chat_id: c.chatId };
      const all = ((await c.get(LIST, { path, query: { per_page: 100 } })) as Listed).data;
      const mid = all[Math.floor(all.length / 2)]!.sent_at;
      return {
        path,
        query: { page: 2, per_page: 2 },
        expect: 200,
        check: async (r) => {
          expect((r.body as Listed).data).toEqual(all.slice(2, 4));
          const after = (await c.get(LIST, {
            path,
            query: { per_page: 100, after: mid },
          })) as Listed;
          expect(after.data).toEqual(all.filter((m) => m.sent_at > mid));
          const before = (await c.get(LIST, {
            path,
            query: { per_page: 100, before: mid },
          })) as Listed;
          expect(before.data).toEqual(all.filter((m) => m.sent_at < mid));
        },
      };
    },
  },
  {
    // linq-api.md §1 [F2]: "+12223334444 or 2223334444; the server normalises and assumes US +1".
    name: '200 a 10-digit US number finds the same chats',
    route: CHATS,
    build: async (c) => {
      const ids = (b: unknown) => (b as { data: Array<{ id: number }> }).data.map((x) => x.id);
      const full = ids(await c.get(CHATS, { query: { phone_number: c.phone } }));
      return {
        query: { phone_number: c.phone.replace(/^\+1/, '') },
        expect: 200,
        check: (r) => expect(ids(r.body)).toEqual(full),
      };
    },
  },
  {
    name: '201 returns the text and one attachment per file / URL; readable afterwards',
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.chatId },
      expect: 201,
      body: [
        ['message[text]', 'two files'],
        [
          'message[attachments][]',
          new Blob([new Uint8Array([1, 2, 3, 4, 5])], { type: 'image/png' }),
        ],
        ['message[attachment_urls][]', 'https://example.com/photos/cat.jpg'],
      ],
      check: async (r) => {
        const sent = (r.body as { data: Message }).data;
        expect(sent.text).toBe('two files');
        expect(sent.attachments).toHaveLength(2);
        expect(sent.attachments.map((a) => a.mime_type).sort()).toEqual([
          'image/jpeg',
          'image/png',
        ]);
        expect(sent.attachments.find((a) => a.mime_type === 'image/png')?.file_size).toBe(5);
        const read = (await c.get(GET, { path: { chat_id: c.chatId, id: sent.id } })) as {
          data: Message;
        };
        expect(read.data).toEqual(sent);
      },
    }),
  },
  {
    name: "404 when sending into another account's chat",
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.otherChatId },
      body: [['message[text]', 'x']],
      expect: 404,
    }),
  },
  {
    name: '200 returns the new text and the read-back agrees',
    route: EDIT,
    build: async (c) => {
      const id = await c.sendText('befor');
      return {
        path: { chat_id: c.chatId, id },
        body: { text: 'after' },
        expect: 200,
        check: async (r) => {
          expect((r.body as { data: { id: number; text: string } }).data).toEqual({
            id,
            text: 'after',
          });
          const read = (await c.get(GET, { path: { chat_id: c.chatId, id } })) as {
            data: Message & { edited_at: string | null };
          };
          expect(read.data.text).toBe('after');
          expect(read.data.edited_at).not.toBeNull();
        },
      };
    },
  },
  {
    name: '200 then the message is gone',
    route: DEL,
    build: async (c) => {
      const id = await c.sendText('gone soon');
      return {
        path: { chat_id: c.chatId, id },
        expect: 200,
        check: async () => {
          await expect(c.get(GET, { path: { chat_id: c.chatId, id } })).rejects.toThrow(/→ 404/);
        },
      };
    },
  },
  {
    name: '201 returns the reaction, which is readable and listed on the message',
    route: REACT,
    build: async (c) => {
      const id = await c.sendText('react to me');
      return {
        path: { chat_message_id: id },
        body: { type: 'dislike', operation: 'add' },
        expect: 201,
        check: async (r) => {
          const reaction = (
            r.body as {
              data: { id: number; chat_message_id: number; reaction: string; is_from_me: boolean };
            }
          ).data;
          expect(reaction).toMatchObject({
            chat_message_id: id,
            reaction: 'dislike',
            is_from_me: true,
          });
          const read = (await c.get(REACTION, { path: { reaction_id: reaction.id } })) as {
            data: unknown;
          };
          expect(read.data).toEqual(reaction);
          const msg = (await c.get(GET, { path: { chat_id: c.chatId, id } })) as { data: Message };
          expect(msg.data.reactions.map((x) => x.id)).toContain(reaction.id);
        },
      };
    },
  },
  {
    name: '400 for a malformed JSON body',
    route: EDIT,
    build: (c) => ({
      path: { chat_id: c.chatId, id: c.messageId },
      rawBody: '{"text": ',
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: '401 (not 404) without credentials for an unknown chat',
    route: CHAT,
    build: () => ({ path: { chat_id: 987_654_321 }, auth: 'none', expect: 401 }),
  },
  {
    name: '429 (fault) carries Retry-After',
    route: CHAT,
    build: (c) => ({
      path: { chat_id: c.chatId },
      expect: 429,
      fault: { type: 'rate-limit', retryAfter: 3 },
      check: (r) => expect(r.headers['retry-after']).toBe('3'),
    }),
  },
  {
    name: '500 (fault) is a v2 Error',
    route: CHAT,
    build: (c) => ({
      path: { chat_id: c.chatId },
      expect: 500,
      fault: { type: 'status', status: 500 },
    }),
  },
  {
    name: '503 (fault) is a v2 Error',
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.chatId },
      body: [['message[text]', 'x']],
      expect: 503,
      fault: { type: 'status', status: 503 },
    }),
  },
];
