import { beforeEach, describe, expect, it } from 'vitest';
import { UUID, v3 } from './sandbox-client.js';
import { useSandbox } from '../helpers/rig.js';

const box = useSandbox();
let chatId: string;
beforeEach(() => {
  chatId = box.sandbox.store.fixtures().bigChat.uuid;
});

const send = (message: unknown) =>
  v3(box.sandbox, 'POST', `/chats/${chatId}/messages`, { body: { message } });

describe('v3 send', () => {
  it('accepts a message (202) that then reads back first in the chat', async () => {
    const before = box.sandbox.store.messageCount(chatId);
    const r = await send({
      parts: [
        { type: 'text', value: 'Hello', text_decorations: [{ range: [0, 5], style: 'bold' }] },
        { type: 'media', url: 'https://example.com/a/photo.jpg' },
      ],
      effect: { type: 'screen', name: 'confetti' },
    });
    expect(r.status).toBe(202);
    expect(r.body.chat_id).toBe(chatId);
    expect(r.body.message).toMatchObject({ delivery_status: 'queued', is_read: false });
    expect(r.body.message.id).toMatch(UUID);
    expect(r.body.message.parts[1]).toMatchObject({ type: 'media', filename: 'photo.jpg' });
    expect(box.sandbox.store.messageCount(chatId)).toBe(before + 1);
    const list = await v3(box.sandbox, 'GET', `/chats/${chatId}/messages?limit=1`);
    expect(list.body.messages[0]).toMatchObject({
      id: r.body.message.id,
      is_from_me: true,
      effect: { type: 'screen', name: 'confetti' },
    });
    expect(list.body.messages[0].parts[0].text_decorations).toEqual([
      { range: [0, 5], style: 'bold' },
    ]);
  });

  it('replays an idempotency key: same 202 body, no second message', async () => {
    const message = { parts: [{ type: 'text', value: 'once' }], idempotency_key: 'key-1' };
    const first = await send(message);
    const count = box.sandbox.store.messageCount(chatId);
    const second = await send(message);
    expect(second.status).toBe(202);
    expect(second.body).toEqual(first.body);
    expect(box.sandbox.store.messageCount(chatId)).toBe(count);
    // The key is scoped to the chat.
    const other = box.sandbox.store.fixtures().groupChat.uuid;
    const elsewhere = await v3(box.sandbox, 'POST', `/chats/${other}/messages`, {
      body: { message },
    });
    expect(elsewhere.body.message.id).not.toBe(first.body.message.id);
  });

  it('replies to a message part', async () => {
    const target = box.sandbox.store.getChat(chatId)!.messages[5]!;
    const r = await send({
      parts: [{ type: 'text', value: 're' }],
      reply_to: { message_id: target.uuid, part_index: 0 },
    });
    expect(r.body.message.reply_to).toEqual({ message_id: target.uuid, part_index: 0 });
    const thread = await v3(box.sandbox, 'GET', `/messages/${r.body.message.id}/thread`);
    expect(thread.body.messages.map((m: { id: string }) => m.id)).toContain(r.body.message.id);
  });

  it.each([
    ['no message', undefined, 1001],
    ['no parts', { parts: [] }, 1004],
    [
      '101 parts',
      {
        parts: Array.from({ length: 101 }, (_, i) =>
          i % 2 ? { type: 'media', url: 'https://x.io/a.png' } : { type: 'text', value: 'a' },
        ),
      },
      1004,
    ],
    [
      'two text parts in a row',
      {
        parts: [
          { type: 'text', value: 'a' },
          { type: 'text', value: 'b' },
        ],
      },
      1004,
    ],
    ['empty text', { parts: [{ type: 'text', value: '' }] }, 1004],
    ['text over 10000', { parts: [{ type: 'text', value: 'x'.repeat(10_001) }] }, 1004],
    [
      'url and attachment_id',
      {
        parts: [
          {
            type: 'media',
            url: 'https://x.io/a.png',
            attachment_id: '00000000-0000-4000-8000-000000000000',
          },
        ],
      },
      1004,
    ],
    ['neither url nor attachment_id', { parts: [{ type: 'media' }] }, 1004],
    ['http url', { parts: [{ type: 'media', url: 'http://x.io/a.png' }] }, 1004],
    ['unknown part type', { parts: [{ type: 'sticker' }] }, 1004],
    [
      'bad decoration',
      {
        parts: [
          { type: 'text', value: 'ab', text_decorations: [{ range: [0, 9], style: 'bold' }] },
        ],
      },
      1004,
    ],
    [
      'bad effect',
      { parts: [{ type: 'text', value: 'a' }], effect: { type: 'screen', name: 'slam' } },
      1004,
    ],
    [
      'bad reply_to',
      {
        parts: [{ type: 'text', value: 'a' }],
        reply_to: { message_id: '00000000-0000-4000-8000-000000000000' },
      },
      1005,
    ],
  ])('rejects %s with 400', async (_name, message, code) => {
    const count = box.sandbox.store.messageCount(chatId);
    const r = await v3(box.sandbox, 'POST', `/chats/${chatId}/messages`, { body: { message } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(box.sandbox.store.messageCount(chatId)).toBe(count);
  });

  it('rejects an unknown attachment_id with 404 (2003)', async () => {
    const r = await send({
      parts: [{ type: 'media', attachment_id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe(2003);
  });
});

describe('v3 edit, delete, react', () => {
  const own = () =>
    box.sandbox.store
      .getChat(chatId)!
      .messages.find((m) => m.isFromMe && m.parts[0]?.type === 'text')!;
  const theirs = () => box.sandbox.store.getChat(chatId)!.messages.find((m) => !m.isFromMe)!;

  it('edits a text part (200 Message, updated_at moves)', async () => {
    const m = own();
    const r = await v3(box.sandbox, 'PATCH', `/messages/${m.uuid}`, {
      body: { text: 'edited', part_index: 0 },
    });
    expect(r.status).toBe(200);
    expect(r.body.parts[0].value).toBe('edited');
    expect(r.body.updated_at > m.createdAt).toBe(true);
    const read = await v3(box.sandbox, 'GET', `/messages/${m.uuid}`);
    expect(read.body.parts[0].value).toBe('edited');
  });

  it('refuses bad edits', async () => {
    const m = own();
    expect(
      (await v3(box.sandbox, 'PATCH', `/messages/${m.uuid}`, { body: { text: '' } })).status,
    ).toBe(400);
    expect(
      (await v3(box.sandbox, 'PATCH', `/messages/${m.uuid}`, { body: {} })).body.error.code,
    ).toBe(1001);
    expect(
      (
        await v3(box.sandbox, 'PATCH', `/messages/${m.uuid}`, {
          body: { text: 'x', part_index: 9 },
        })
      ).status,
    ).toBe(400);
    expect(
      (await v3(box.sandbox, 'PATCH', `/messages/${theirs().uuid}`, { body: { text: 'x' } }))
        .status,
    ).toBe(403);
  });

  it('deletes with the {chat_id} body and without a body (204), then 404', async () => {
    const [a, b] = box.sandbox.store.getChat(chatId)!.messages;
    const withBody = await v3(box.sandbox, 'DELETE', `/messages/${a!.uuid}`, {
      body: { chat_id: chatId },
    });
    expect(withBody.status).toBe(204);
    expect(withBody.body).toBeUndefined();
    expect((await v3(box.sandbox, 'DELETE', `/messages/${b!.uuid}`)).status).toBe(204);
    expect((await v3(box.sandbox, 'GET', `/messages/${a!.uuid}`)).status).toBe(404);
    expect((await v3(box.sandbox, 'DELETE', `/messages/${a!.uuid}`)).status).toBe(404);
    const c = box.sandbox.store.getChat(chatId)!.messages[0]!;
    const wrongChat = await v3(box.sandbox, 'DELETE', `/messages/${c.uuid}`, {
      body: { chat_id: box.sandbox.store.fixtures().groupChat.uuid },
    });
    expect(wrongChat.status).toBe(400);
  });

  it('adds and removes reactions on parts, including custom emoji', async () => {
    const m = box.sandbox.store.getChat(chatId)!.messages.find((x) => x.parts.length >= 2)!;
    const add = await v3(box.sandbox, 'POST', `/messages/${m.uuid}/reactions`, {
      body: { operation: 'add', type: 'custom', custom_emoji: '🦄', part_index: 1 },
    });
    expect(add.status).toBe(202);
    expect(add.body).toEqual({
      status: 'accepted',
      trace_id: add.headers.get('x-trace-id'),
      message: 'Reaction processed',
    });
    let read = await v3(box.sandbox, 'GET', `/messages/${m.uuid}`);
    const mine = read.body.parts[1].reactions.filter(
      (r: { is_me: boolean; type: string }) => r.is_me && r.type === 'custom',
    );
    expect(mine).toEqual([expect.objectContaining({ custom_emoji: '🦄', sticker: null })]);
    await v3(box.sandbox, 'POST', `/messages/${m.uuid}/reactions`, {
      body: { operation: 'remove', type: 'custom', custom_emoji: '🦄', part_index: 1 },
    });
    read = await v3(box.sandbox, 'GET', `/messages/${m.uuid}`);
    expect(
      read.body.parts[1].reactions.filter(
        (r: { custom_emoji: string | null }) => r.custom_emoji === '🦄',
      ),
    ).toEqual([]);
  });

  it.each([
    [{ operation: 'add', type: 'wink' }, 1005],
    [{ operation: 'toggle', type: 'love' }, 1005],
    [{ type: 'love' }, 1001],
    [{ operation: 'add', type: 'custom' }, 1001],
    [{ operation: 'add', type: 'sticker' }, 1005],
    [{ operation: 'add', type: 'love', part_index: 50 }, 1005],
  ])('rejects reaction %j', async (body, code) => {
    const m = own();
    const r = await v3(box.sandbox, 'POST', `/messages/${m.uuid}/reactions`, { body });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
  });
});
