// v3 cases beyond status + schema: what a call does, read back through other operations.
import { fetch } from 'undici';
import { expect } from 'vitest';
import type { Case } from '../helpers/openapi-cases.js';
import { inChat, V3_ROUTES, type V3Ctx } from './openapi-v3-ctx.js';

const { SEND, GET, EDIT, DEL, REACT, PRESIGN, ATTACHMENT } = V3_ROUTES;

type Part = {
  type: string;
  value?: string;
  id?: string;
  reactions?: Array<{ type: string; is_me: boolean }> | null;
};
type Msg = { id: string; chat_id?: string; parts?: Part[] | null };

const getMessage = async (c: V3Ctx, id: string) =>
  (await c.get(GET, { path: { messageId: id } })) as Msg;
const MINUTE = 60_000;

/** Presigns, PUTs the bytes to upload_url with required_headers, returns the attachment id. */
async function upload(c: V3Ctx): Promise<{ id: string; expiresAt: string }> {
  const res = (await c.get(PRESIGN, {
    body: { filename: 'dot.png', content_type: 'image/png', size_bytes: 4 },
  })) as {
    attachment_id: string;
    upload_url: string;
    required_headers: Record<string, string>;
    expires_at: string;
  };
  const put = await fetch(res.upload_url, {
    method: 'PUT',
    headers: res.required_headers,
    body: new Uint8Array([137, 80, 78, 71]),
  });
  expect(put.status).toBeLessThan(300);
  await put.arrayBuffer();
  return { id: res.attachment_id, expiresAt: res.expires_at };
}

export const V3_EFFECT_CASES: Array<Case<V3Ctx>> = [
  {
    // SentMessage.preferred_service: "Preferred service for sending this message"; MessageContent:
    // "SMS: Enforces SMS (no iMessage)". effect / reply_to / text_decorations are echoed too.
    name: '202 echoes preferred_service, effect, reply_to and text decorations',
    route: SEND,
    build: (c) => ({
      ...inChat(c, {
        parts: [
          { type: 'text', value: 'hello', text_decorations: [{ range: [0, 5], style: 'bold' }] },
        ],
        effect: { bubble_effect: 'slam' },
        reply_to: { message_id: c.messageId, part_index: 0 },
        preferred_service: 'SMS',
      }),
      expect: 202,
      check: (r) => {
        const m = (r.body as { message: Record<string, unknown> }).message;
        expect(m).toMatchObject({
          effect: { type: 'bubble', name: 'slam' },
          reply_to: { message_id: c.messageId, part_index: 0 },
          parts: [{ text_decorations: [{ range: [0, 5], style: 'bold' }] }],
        });
        expect({
          preferred: m['preferred_service'],
          iMessage: m['service'] === 'iMessage',
        }).toEqual({
          preferred: 'SMS',
          iMessage: false,
        });
      },
    }),
  },
  {
    name: '202 echoes the chat and the parts; the message is then readable',
    route: SEND,
    build: (c) => ({
      path: { chatId: c.chatId },
      body: { message: { parts: [{ type: 'text', value: 'readable' }] } },
      expect: 202,
      check: async (r) => {
        const body = r.body as { chat_id: string; message: Msg };
        expect(body.chat_id).toBe(c.chatId);
        expect(body.message.parts?.[0]).toMatchObject({ type: 'text', value: 'readable' });
        expect(await getMessage(c, body.message.id)).toMatchObject({
          chat_id: c.chatId,
          parts: [{ value: 'readable' }],
        });
      },
    }),
  },
  {
    // linq-api.md §9: a repeated idempotency_key returns the original message.
    name: '202 a repeated idempotency_key returns the original message id',
    route: SEND,
    build: async (c) => {
      const body = {
        message: { parts: [{ type: 'text', value: 'once' }], idempotency_key: 'v3-once' },
      };
      const first = (await c.get(SEND, { path: { chatId: c.chatId }, body })) as { message: Msg };
      return {
        path: { chatId: c.chatId },
        body,
        expect: 202,
        check: (r) => expect((r.body as { message: Msg }).message.id).toBe(first.message.id),
      };
    },
  },
  {
    name: '202 sends an uploaded attachment by attachment_id',
    route: SEND,
    build: async (c) => {
      const { id } = await upload(c);
      return {
        path: { chatId: c.chatId },
        expect: 202,
        body: { message: { parts: [{ type: 'media', attachment_id: id }] } },
        check: (r) =>
          expect((r.body as { message: Msg }).message.parts?.[0]).toMatchObject({
            type: 'media',
            id,
          }),
      };
    },
  },
  {
    // MessageContent rule (linq-api.md §3.2): a media part takes url OR attachment_id, never both.
    name: '400 for a media part with both url and attachment_id',
    route: SEND,
    build: async (c) => ({
      ...inChat(c, {
        parts: [
          { type: 'media', url: 'https://example.com/a.png', attachment_id: (await upload(c)).id },
        ],
      }),
      expect: 400,
    }),
  },
  {
    name: '400 for two text parts in a row',
    route: SEND,
    build: (c) => ({
      ...inChat(c, {
        parts: [
          { type: 'text', value: 'a' },
          { type: 'text', value: 'b' },
        ],
      }),
      expect: 400,
    }),
  },
  {
    name: "404 when sending into another account's chat",
    route: SEND,
    build: (c) => ({
      path: { chatId: c.otherChatId },
      body: { message: { parts: [{ type: 'text', value: 'x' }] } },
      expect: 404,
    }),
  },
  {
    name: '500 (fault) is a declared ErrorResponse',
    route: SEND,
    build: (c) => ({
      path: { chatId: c.chatId },
      body: { message: { parts: [{ type: 'text', value: 'x' }] } },
      expect: 500,
      fault: { type: 'status', status: 500 },
    }),
  },

  {
    name: '200 returns the edited text',
    route: EDIT,
    build: async (c) => {
      const id = await c.sendText('befor');
      return {
        path: { messageId: id },
        body: { text: 'after' },
        expect: 200,
        check: async (r) => {
          expect((r.body as Msg).parts?.[0]?.value).toBe('after');
          expect((await getMessage(c, id)).parts?.[0]?.value).toBe('after');
        },
      };
    },
  },
  {
    name: '204 then the message is gone',
    route: DEL,
    build: async (c) => {
      const id = await c.sendText('gone soon');
      return {
        path: { messageId: id },
        body: { chat_id: c.chatId },
        expect: 204,
        check: async () => {
          await expect(c.get(GET, { path: { messageId: id } })).rejects.toThrow(/→ 404/);
        },
      };
    },
  },
  {
    name: '202 add then remove is visible on the part',
    route: REACT,
    build: async (c) => {
      const id = await c.sendText('react to me');
      await c.get(REACT, {
        path: { messageId: id },
        body: { operation: 'add', type: 'emphasize' },
      });
      const mine = (m: Msg) =>
        (m.parts?.[0]?.reactions ?? []).filter((x) => x.is_me && x.type === 'emphasize');
      expect(mine(await getMessage(c, id))).toHaveLength(1);
      return {
        path: { messageId: id },
        body: { operation: 'remove', type: 'emphasize' },
        expect: 202,
        check: async () => expect(mine(await getMessage(c, id))).toHaveLength(0),
      };
    },
  },
  {
    name: '200 upload completes; upload URL valid for 15 minutes',
    route: ATTACHMENT,
    build: async (c) => {
      const { id, expiresAt } = await upload(c);
      return {
        path: { attachmentId: id },
        expect: 200,
        check: (r) => {
          const a = r.body as { status: string; created_at: string };
          expect(a.status).toBe('complete');
          expect(Date.parse(expiresAt) - Date.parse(a.created_at)).toBe(15 * MINUTE);
        },
      };
    },
  },
];
