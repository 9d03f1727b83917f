// v2 contract cases: send, get, delete, edit, reactions (openapi-v2.test.ts).
import { expect } from 'vitest';
import type { Case } from '../helpers/openapi-cases.js';
import { NO_SUCH, form, unauthorized, V2_ROUTES, type V2Ctx } from './openapi-v2-ctx.js';

const { SEND, GET, DEL, EDIT, REACT, REACTION } = V2_ROUTES;

export const V2_WRITE_CASES: Array<Case<V2Ctx>> = [
  {
    name: '201 sends a text',
    route: SEND,
    build: (c) => ({ path: { chat_id: c.chatId }, body: form('hello'), expect: 201 }),
  },
  {
    name: '201 sends a file and an attachment URL',
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.chatId },
      expect: 201,
      body: form('pics', [
        [
          'message[attachments][]',
          new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
        ],
        ['message[attachment_urls][]', 'https://example.com/cat.jpg'],
      ]),
    }),
  },
  {
    // SPEC EXCEPTION: the operation declares only 201, but its own description (and linq-api.md §9)
    // says a repeated message[idempotency_key] returns the existing message with 200.
    name: '200 for a repeated idempotency key',
    route: SEND,
    build: async (c) => {
      const body = form('once', [['message[idempotency_key]', 'contract-v2-once']]);
      const firstId = await c.sendForm(body);
      return {
        path: { chat_id: c.chatId },
        body,
        expect: 200,
        undeclared: { reason: 'idempotent replay', validateAs: 201 },
        check: (r) => expect((r.body as { data: { id: number } }).data.id).toBe(firstId),
      };
    },
  },
  {
    name: '422 without message[text]',
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.chatId },
      body: [['message[attachment_urls][]', 'https://example.com/a.jpg']],
      expect: 422,
      invalidRequest: true,
    }),
  },
  {
    name: '422 with a malformed idempotency key',
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.chatId },
      body: form('x', [['message[idempotency_key]', 'a b']]),
      expect: 422,
      invalidRequest: true,
    }),
  },
  {
    // The operation only declares multipart/form-data; a JSON body must not pass, or an adapter
    // that sends JSON would look fine here and fail against Linq. (finding C3)
    name: '400 for a JSON body (only multipart/form-data is declared)',
    route: SEND,
    build: (c) => ({
      path: { chat_id: c.chatId },
      body: { message: { text: 'json' } },
      expect: 400,
      invalidRequest: true,
    }),
  },
  {
    name: '404 for an unknown chat',
    route: SEND,
    build: () => ({ path: { chat_id: NO_SUCH }, body: form('x'), expect: 404 }),
  },
  ...unauthorized(SEND, (c) => ({ path: { chat_id: c.chatId }, body: form('x') })),

  {
    name: '200 returns the message',
    route: GET,
    build: (c) => ({ path: { chat_id: c.chatId, id: c.messageId }, expect: 200 }),
  },
  {
    name: '404 for an unknown message',
    route: GET,
    build: (c) => ({ path: { chat_id: c.chatId, id: NO_SUCH }, expect: 404 }),
  },
  {
    name: "404 for another account's message",
    route: GET,
    build: (c) => ({ path: { chat_id: c.otherChatId, id: c.otherMessageId }, expect: 404 }),
  },
  ...unauthorized(GET, (c) => ({ path: { chat_id: c.chatId, id: c.messageId } })),

  {
    name: '200 deletes a message',
    route: DEL,
    build: async (c) => ({ path: { chat_id: c.chatId, id: await c.sendText('bye') }, expect: 200 }),
  },
  {
    name: '404 for an unknown message',
    route: DEL,
    build: (c) => ({ path: { chat_id: c.chatId, id: NO_SUCH }, expect: 404 }),
  },
  ...unauthorized(DEL, (c) => ({ path: { chat_id: c.chatId, id: c.messageId } })),

  {
    name: '200 edits a message',
    route: EDIT,
    build: async (c) => ({
      path: { chat_id: c.chatId, id: await c.sendText('typo') },
      body: { text: 'fixed' },
      expect: 200,
    }),
  },
  {
    name: '422 without text',
    route: EDIT,
    build: (c) => ({
      path: { chat_id: c.chatId, id: c.messageId },
      body: {},
      expect: 422,
      invalidRequest: true,
    }),
  },
  {
    name: '404 for an unknown message',
    route: EDIT,
    build: (c) => ({ path: { chat_id: c.chatId, id: NO_SUCH }, body: { text: 'x' }, expect: 404 }),
  },
  ...unauthorized(EDIT, (c) => ({
    path: { chat_id: c.chatId, id: c.messageId },
    body: { text: 'x' },
  })),

  {
    name: '201 adds a reaction',
    route: REACT,
    build: (c) => ({
      path: { chat_message_id: c.messageId },
      body: { type: 'laugh', operation: 'add' },
      expect: 201,
    }),
  },
  {
    name: '201 removes a reaction',
    route: REACT,
    build: (c) => ({
      path: { chat_message_id: c.messageId },
      body: { type: 'laugh', operation: 'remove' },
      expect: 201,
    }),
  },
  {
    name: '422 with an unknown reaction type',
    route: REACT,
    build: (c) => ({
      path: { chat_message_id: c.messageId },
      body: { type: 'wow', operation: 'add' },
      expect: 422,
      invalidRequest: true,
    }),
  },
  {
    name: '404 for an unknown message',
    route: REACT,
    build: () => ({
      path: { chat_message_id: NO_SUCH },
      body: { type: 'like', operation: 'add' },
      expect: 404,
    }),
  },
  ...unauthorized(REACT, (c) => ({
    path: { chat_message_id: c.messageId },
    body: { type: 'like', operation: 'add' },
  })),

  {
    name: '200 returns a reaction',
    route: REACTION,
    build: async (c) => ({ path: { reaction_id: await c.react() }, expect: 200 }),
  },
  {
    name: '404 for an unknown reaction',
    route: REACTION,
    build: () => ({ path: { reaction_id: NO_SUCH }, expect: 404 }),
  },
  ...unauthorized(REACTION, () => ({ path: { reaction_id: NO_SUCH } })),
];
